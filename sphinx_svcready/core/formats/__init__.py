"""Machine formats for problems, one module each: SARIF for code scanning, GitHub Actions
workflow commands, a GitLab Code Quality report and JUnit XML. Each takes the same located
problems (located.py) and none judges anything. Nothing here imports Sphinx."""
