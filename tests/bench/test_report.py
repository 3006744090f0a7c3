"""The benchmark (issue #15's "Show"): its HTTP scenarios run against aiohttp under wrk, and the
report in docs/ shows every scenario and where the time goes on each path. Speed itself is
never asserted here: it is the report's to show."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from helpers import REPO, unavailable


def test_the_http_scenarios_pair_the_bridge_with_aiohttp_under_wrk_and_show_wrk_headroom():
    if shutil.which("wrk") is None:
        unavailable("wrk is not installed (Debian: apt-get install wrk)")
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--rounds", "1", "--scenarios",
                           "http_hello,http_upload", "--servers", "bridge,python", "--no-write", "--no-install"],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for metric in ("HTTP hello throughput", "HTTP hello p99 latency", "HTTP upload throughput"):
        assert re.search(rf"^  {metric} +bridge/python +\d+\.\d+x", done.stdout, re.M), (metric, done.stdout)
    assert re.search(r"^wrk: [\d,]+ req/s against \w+ in GET /hello .*wrk's CPU", done.stdout, re.M), done.stdout


def test_the_report_shows_every_scenario_and_where_the_time_goes_on_each_path():
    from bench.run import SCENARIOS

    report = (REPO / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    for scenario in SCENARIOS.values():
        for metric in scenario["metrics"]:
            assert metric.label in report, metric.label
    for path in ("HTTP", "WebSocket", "at start"):
        assert re.search(rf"^## Where the time goes(: | ){path}$", report, re.M), path
    assert (REPO / "docs" / "benchmarks.png").stat().st_size > 0
