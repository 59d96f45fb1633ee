include(GoogleTest)
# Tests that need PostgreSQL share one throwaway server per ctest run: the fixture starts it
# (initdb + pg_ctl in the build tree, Unix socket only) and stops it at the end. Each test makes
# its own schema, so tests stay independent.
set(HERSYS_PG_DIR ${CMAKE_BINARY_DIR}/test-postgres)
add_test(NAME postgres.start COMMAND ${CMAKE_SOURCE_DIR}/scripts/test-postgres start ${HERSYS_PG_DIR})
add_test(NAME postgres.stop COMMAND ${CMAKE_SOURCE_DIR}/scripts/test-postgres stop ${HERSYS_PG_DIR})
set_tests_properties(postgres.start PROPERTIES FIXTURES_SETUP postgres)
set_tests_properties(postgres.stop PROPERTIES FIXTURES_CLEANUP postgres)

# The response contract (issue 13): every test process records the HTTP exchanges of
# test::send() in ${HERSYS_CONTRACT_DIR}/<pid>.jsonl; contract.clear empties the directory before
# the first test of a run and contract.check, after the last (also with ctest -R), validates
# every recorded answer against docs/openapi.yaml (web/tools/check-contract.mjs, Ajv 2020-12).
# Node and web/node_modules come from scripts/setup; without them the check fails, never skips.
find_program(HERSYS_NODE node REQUIRED)
set(HERSYS_CONTRACT_DIR ${CMAKE_BINARY_DIR}/contract)
add_test(NAME contract.clear
  COMMAND sh -c "rm -rf \"$1\" && mkdir -p \"$1\"" sh ${HERSYS_CONTRACT_DIR})
add_test(NAME contract.check
  COMMAND ${HERSYS_NODE} ${CMAKE_SOURCE_DIR}/web/tools/check-contract.mjs ${HERSYS_CONTRACT_DIR})
set_tests_properties(contract.clear PROPERTIES FIXTURES_SETUP contract)
# The check's own tests (issue 19 item 13): it fails on each way a document and an answer can
# disagree (web/tests/check-contract.test.mjs; no server, no browser).
add_test(NAME contract.selftest
  COMMAND ${HERSYS_NODE} --test ${CMAKE_SOURCE_DIR}/web/tests/check-contract.test.mjs)
set_tests_properties(contract.selftest PROPERTIES TIMEOUT 120)
set_tests_properties(contract.check PROPERTIES FIXTURES_CLEANUP contract TIMEOUT 120)

gtest_discover_tests(hersys_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
# Every discovered test needs both fixtures and both variables. gtest_discover_tests cannot pass
# list-valued PROPERTIES through (it splits them at ';'), so ctest sets them from this file,
# included after the discovered tests.
file(WRITE ${CMAKE_BINARY_DIR}/hersys_tests_properties.cmake "if(hersys_tests_TESTS)
  set_tests_properties(\${hersys_tests_TESTS} PROPERTIES
    FIXTURES_REQUIRED [[postgres;contract]]
    ENVIRONMENT [[HERSYS_TEST_POSTGRES=postgresql:///postgres?host=${HERSYS_PG_DIR}/socket&user=postgres;HERSYS_CONTRACT_DIR=${HERSYS_CONTRACT_DIR}]])
endif()
")
set_property(DIRECTORY APPEND
  PROPERTY TEST_INCLUDE_FILES ${CMAKE_BINARY_DIR}/hersys_tests_properties.cmake)

# OpenAPI lint (issue 13): Redocly CLI from web/package-lock.json with its built-in recommended
# rules (a redocly.yaml at the repository root would adjust them). Any error fails the test;
# warnings are printed and do not.
add_test(NAME lint.openapi
  COMMAND ${CMAKE_SOURCE_DIR}/web/node_modules/.bin/redocly lint --format=stylish
          ${CMAKE_SOURCE_DIR}/docs/openapi.yaml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(lint.openapi PROPERTIES TIMEOUT 120
  ENVIRONMENT "REDOCLY_TELEMETRY=off;REDOCLY_SUPPRESS_UPDATE_NOTICE=true;NO_COLOR=1")

# Conventions the code keeps (issue 13; docs/architecture.md): clang-format on src, bench and
# tests; the layering of src/ (platform includes no feature, features include each other only
# through their public headers, app/ only from app/ and tests); ESLint on web/ (TypeScript's
# strict check runs in scripts/build-web; the screens' codes against the OpenAPI enums in
# web/tests/codes.test.mjs). Each fails the run, never skips.
find_program(HERSYS_PYTHON python3 REQUIRED)
add_test(NAME lint.format COMMAND ${CMAKE_SOURCE_DIR}/scripts/check-format)
add_test(NAME lint.layers COMMAND ${HERSYS_PYTHON} ${CMAKE_SOURCE_DIR}/scripts/check-layers)
add_test(NAME lint.web
  COMMAND ${CMAKE_SOURCE_DIR}/web/node_modules/.bin/eslint . --max-warnings 0
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/web)
set_tests_properties(lint.format lint.layers lint.web PROPERTIES TIMEOUT 300)
# The project stands alone (issue 19 item 14): README, docs and comments point at nothing outside
# the repository (no planning documents beside it), and the docs' relative links exist (scripts/check-docs, its
# rules checked on samples first).
add_test(NAME lint.docs
  COMMAND sh -c "\"$1\" \"$2\" --self-test && \"$1\" \"$2\"" sh ${HERSYS_PYTHON}
          ${CMAKE_SOURCE_DIR}/scripts/check-docs)
set_tests_properties(lint.docs PROPERTIES TIMEOUT 60)

# The real binary, as an operator runs it: migrate, serve over TLS, answer, stop on SIGTERM.
add_test(NAME cli.smoke COMMAND ${CMAKE_SOURCE_DIR}/tests/cli_smoke.sh $<TARGET_FILE:hersys>)
set_tests_properties(cli.smoke PROPERTIES TIMEOUT 120)
