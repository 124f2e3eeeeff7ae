"""Other docs projects' exports: fetching them within bounds and reading their service records."""
