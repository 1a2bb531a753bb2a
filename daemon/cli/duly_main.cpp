// duly: the command-line tool. main only wires the system clock and the standard streams.
#include <iostream>

#include "daemon/cli/duly_command.h"

int main(int argc, char** argv) {
  const duly::SystemClock clock;
  return duly::daemon::RunDulyCommand(argc, argv, clock, std::cout, std::cerr);
}
