from mesacheck.cli import main

raise SystemExit(main())
