#include "app/cli.h"

int main(int argc, char** argv) { return hersys::app::run_cli(argc, argv); }
