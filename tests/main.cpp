// The test runner: GoogleTest with the server's request log silenced (failures print their own
// details; HERSYS_TEST_LOG=info shows the log when debugging).
#include <gtest/gtest.h>

#include "platform/log/log.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const char* level = std::getenv("HERSYS_TEST_LOG");
  hersys::log::init(level ? level : "warn");
  const int result = RUN_ALL_TESTS();
  hersys::log::shutdown();
  return result;
}
