from claims_cli.cli import main

main()
