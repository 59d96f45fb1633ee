#pragma once
// The case search's whole result as a file for spreadsheets (CASE-6, issue 14): the columns of
// the list (never phone, address or e-mail), headed and labelled in the reader's language.
#include <string>

#include "cases/patients.h"
#include "platform/errors.h"

namespace hersys::cases {

// UTF-8 with a byte-order mark and CRLF line ends (Excel's "CSV UTF-8"); every cell through
// csv::spreadsheet_cell, so that no cell runs as a formula. Ages are on `today`.
std::string patients_csv(const SearchPage& page, Language language, Day today);

}  // namespace hersys::cases
