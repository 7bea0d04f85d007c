"""The browser of the browser tests and the benchmarks: Debian's chromium, headless.

The flags are the ones that work on these machines: no sandbox and no GPU in the container, and
nothing that reaches out to the network by itself (QUIC, component updates, sync).
"""

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
