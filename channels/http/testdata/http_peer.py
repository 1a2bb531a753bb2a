#!/usr/bin/env python3
"""A plain HTTP/1.1 server on loopback for the transport's tests (python3 stdlib only).

Usage: http_peer.py [--port N]   (0 = any free port; prints "LISTENING <port>" when ready)

Keep-alive HTTP/1.1, one thread per connection, a listen backlog of 1024. Routes (any method):
  /echo                      200, JSON {"method","path","headers":{name: value},"body"}
  /slow?ms=N                 answers 200 "slow" after N milliseconds
  /status?code=C&retry_after=R
                             answers status C (with "Retry-After: R" when given) and a JSON body
  /drop                      reads the whole request, then closes the connection unanswered
  /connections               200, the number of TCP connections accepted so far (text)
"""
import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

connections = 0
connections_lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        global connections
        super().setup()
        with connections_lock:
            connections += 1

    def log_message(self, format, *args):  # quiet: tests read only the LISTENING line
        pass

    def _answer(self, status, body, content_type="application/json", extra=()):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/echo":
            self._answer(200, json.dumps({"method": self.command, "path": self.path,
                                          "headers": dict(self.headers.items()), "body": body}))
        elif url.path == "/slow":
            time.sleep(int(query.get("ms", "0")) / 1000.0)
            self._answer(200, "slow", "text/plain")
        elif url.path == "/status":
            extra = [("Retry-After", query["retry_after"])] if "retry_after" in query else []
            code = int(query.get("code", "500"))
            self._answer(code, json.dumps({"status": code}), extra=extra)
        elif url.path == "/drop":
            self.close_connection = True
            self.wfile.flush()
            self.connection.close()
        elif url.path == "/connections":
            with connections_lock:
                count = connections
            self._answer(200, str(count), "text/plain")
        else:
            self._answer(404, json.dumps({"error": "no route " + url.path}))

    do_GET = do_POST = do_PUT = do_DELETE = _handle


class Server(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    print("LISTENING %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
