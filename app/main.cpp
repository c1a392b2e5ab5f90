// Linscape's entry point: everything is in the command-line module.
#include "cli/cli.h"

int main(int argc, char** argv) {
    return linscape::cli::run(argc, argv);
}
