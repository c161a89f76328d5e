"""One module per `kindly` subcommand: `add_arguments(parser)` and `run(args) -> int`."""
