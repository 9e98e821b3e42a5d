"""Allow ``python -m provenance``."""

from provenance.cli import main

if __name__ == "__main__":
    main()
