"""A counting HTTP proxy in front of DynamoDB Local: a client pointed at it gets DynamoDB's answers, and
the test reads how many requests of each kind (X-Amz-Target: Scan, Query, GetItem, ...) it made.

    with RequestCounter(endpoint) as counter:
        ... connect to counter.endpoint ...
        counter.counts()   # {"Scan": 2, "GetItem": 40}
        counter.reset()
"""
import http.client
import http.server
import threading
import urllib.parse
from collections import Counter


class RequestCounter:
    def __init__(self, target_endpoint):
        target = urllib.parse.urlsplit(target_endpoint)
        counts, lock = Counter(), threading.Lock()

        class Forward(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                operation = self.headers.get("X-Amz-Target", "?").rsplit(".", 1)[-1]
                with lock:
                    counts[operation] += 1
                upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "host")}
                headers["Host"] = target.netloc
                upstream.request("POST", self.path, body, headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            def log_message(self, *args):
                pass

        self._counts, self._lock = counts, lock
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        self._server.daemon_threads = True
        self.endpoint = "http://127.0.0.1:%d" % self._server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def counts(self):
        with self._lock:
            return dict(self._counts)

    def reset(self):
        with self._lock:
            self._counts.clear()
