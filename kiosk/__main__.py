from kiosk.cli.kiosk import main

raise SystemExit(main())
