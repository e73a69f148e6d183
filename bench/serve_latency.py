#!/usr/bin/env python3
"""Save-to-reload latency of `ipportal serve`.

Starts `ipportal serve` on a generated portal, listens to its live-reload event stream like an
open browser tab, then edits one page's body again and again and measures the time from the
file write to the `reload` event (change detected, page rebuilt, event sent).

    bench/serve_latency.py --pages 10000 --edits 20

Uses only the standard library; the corpus comes from bench/gen_corpus.py.
"""

import argparse
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--port", type=int, default=18611)
    args = ap.parse_args()

    work = pathlib.Path(f"/dev/shm/ipportal-serve-{args.pages}")
    corpus = work / "ipportal"
    if not (corpus / "site.toml").exists():
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run([sys.executable, str(REPO / "bench/gen_corpus.py"), "--pages", str(args.pages),
                        "--seed", "42", "--out", str(work), "--layouts", "ipportal"], check=True,
                       stdout=subprocess.DEVNULL)
        write_site_toml(corpus)
    binary = REPO / "target/release/ipportal"
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)

    started = time.monotonic()
    server = subprocess.Popen([str(binary), "serve", "--root", str(corpus), "--port", str(args.port)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        if not line.startswith("Serving "):
            sys.exit(f"serve did not start: {line!r}")
        port = int(line.split(":")[2].split("/")[0])
        print(f"first build and start: {time.monotonic() - started:.2f} s", file=sys.stderr)
        events = connect_events(port)
        page = sorted((corpus / "content/guides").glob("guide-*[0-9].md"))[0]
        original = page.read_text(encoding="utf-8")
        latencies = []
        try:
            for n in range(args.edits):
                before = time.monotonic()
                page.write_text(original + f"\n\nEdit number {n}.\n", encoding="utf-8")
                wait_for(events, b"event: reload")
                latencies.append((time.monotonic() - before) * 1000)
                time.sleep(0.2)
        finally:
            page.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait()

    latencies.sort()
    print(f"## serve: save-to-reload latency, {args.pages} pages, {args.edits} edits of one page's body\n")
    print("| median | min | max | p90 |")
    print("|---:|---:|---:|---:|")
    p90 = latencies[int(len(latencies) * 0.9) - 1]
    print(f"| {statistics.median(latencies):.0f} ms | {latencies[0]:.0f} ms | {latencies[-1]:.0f} ms | {p90:.0f} ms |")
    print(f"\nMachine: {os.cpu_count()} cores; corpus on tmpfs; command: `bench/serve_latency.py --pages {args.pages} --edits {args.edits}`")


def write_site_toml(corpus):
    """The same site.toml bench/compare_hugo.sh writes: disciplines from the corpus, free tags."""
    lines = ['base_url = "https://bench.example.org/"', 'default_language = "zh"',
             '[languages.zh]', 'name = "中文"', 'title = "知识产权门户"',
             '[languages.en]', 'name = "English"', 'title = "IP Portal"',
             '[[taxonomies]]', 'name = "disciplines"', 'label = { zh = "学科", en = "Disciplines" }']
    for row in (corpus / "disciplines.yaml").read_text(encoding="utf-8").splitlines()[1:]:
        key, rest = row.split(":", 1)
        zh = rest.split('zh: "')[1].split('"')[0]
        en = rest.split('en: "')[1].split('"')[0]
        lines.append(f'terms.{key} = {{ zh = "{zh}", en = "{en}" }}')
    lines += ['[[taxonomies]]', 'name = "tags"', 'label = { zh = "标签", en = "Tags" }']
    (corpus / "site.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def connect_events(port):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__ipportal/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    sock.settimeout(30)
    wait_for(sock, b"connected")
    return sock


def wait_for(sock, marker):
    buffer = b""
    while marker not in buffer:
        chunk = sock.recv(4096)
        if not chunk:
            sys.exit("event stream closed")
        buffer += chunk


if __name__ == "__main__":
    main()
