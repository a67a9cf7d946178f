"""Benchmarks: govfeeds against what a user could write or pick instead, on the same loopback sites.

`make bench` (= `.venv/bin/python -m bench`) runs them all and prints ratios measured side by side;
bench/enrich_throughput.py and bench/queries.py are separate, narrower benchmarks.
"""
