"""The network: one careful HTTP GET, the SSRF rules every hop obeys, and per-site politeness."""
