"""The page benchmark over HTTP reads wrk's figures (the servers and wrk are not run here)."""

from sozialraum.portal.benchmarks_http import mixed_script, parse_wrk

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8001/anbieter/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.10ms    1.20ms  40.00ms   90.00%
    Req/Sec     1.30k   100.00     1.50k    70.00%
  Latency Distribution
     50%  812.00us
     75%    3.50ms
     90%    4.20ms
     99%    1.20s
  12934 requests in 5.00s, 300.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:   2586.80
Transfer/sec:     60.00MB
"""


def test_parse_wrk_reads_rate_percentiles_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests_per_second == 2586.80
    assert result.p50_ms == 0.812
    assert result.p99_ms == 1200.0
    assert result.requests == 12934
    assert result.errors == 9


def test_mixed_script_sends_every_path_round_robin():
    with open(mixed_script(["/", '/anbieter/?q="x"'])) as script:
        text = script.read()
    assert '"/", "/anbieter/?q=\\"x\\""' in text
    assert "wrk.format('GET', paths[(i % #paths) + 1])" in text
