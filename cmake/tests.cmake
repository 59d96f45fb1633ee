include(GoogleTest)
# Tests that need PostgreSQL share one throwaway server per ctest run: the fixture starts it
# (initdb + pg_ctl in the build tree, Unix socket only) and stops it at the end. Each test makes
# its own schema, so tests stay independent.
set(HERSYS_PG_DIR ${CMAKE_BINARY_DIR}/test-postgres)
add_test(NAME postgres.start COMMAND ${CMAKE_SOURCE_DIR}/scripts/test-postgres start ${HERSYS_PG_DIR})
add_test(NAME postgres.stop COMMAND ${CMAKE_SOURCE_DIR}/scripts/test-postgres stop ${HERSYS_PG_DIR})
set_tests_properties(postgres.start PROPERTIES FIXTURES_SETUP postgres)
set_tests_properties(postgres.stop PROPERTIES FIXTURES_CLEANUP postgres)

gtest_discover_tests(hersys_tests
  DISCOVERY_TIMEOUT 60
  PROPERTIES
    FIXTURES_REQUIRED postgres
    ENVIRONMENT "HERSYS_TEST_POSTGRES=postgresql:///postgres?host=${HERSYS_PG_DIR}/socket&user=postgres"
    TIMEOUT 120)

# The real binary, as an operator runs it: migrate, serve over TLS, answer, stop on SIGTERM.
add_test(NAME cli.smoke COMMAND ${CMAKE_SOURCE_DIR}/tests/cli_smoke.sh $<TARGET_FILE:hersys>)
set_tests_properties(cli.smoke PROPERTIES TIMEOUT 120)
