#pragma once
// QR codes as SVG (libqrencode), e.g. for the otpauth:// URI an authenticator app scans.
#include <string>

namespace hersys::qr {

// A standalone SVG image of `text` as a QR code (error correction M, 4-module quiet zone).
std::string svg(const std::string& text);

}  // namespace hersys::qr
