#!/usr/bin/env python3
"""Save-to-reload latency of `ipportal serve`, for every kind of edit an editor makes.

Starts `ipportal serve` on a generated portal, listens to its live-reload event stream like an
open browser tab, then makes each kind of edit again and again and measures the time from the
file write to the `reload` event (change detected, site updated, event sent):

  body      one page's body text
  title     one page's title (front matter)
  tag       a tag added to one page
  new page  a page created
  deleted   that page deleted again
  template  a template edited (a comment added to `templates/section.html`, copied from the theme)
  string    an interface string edited (`i18n/zh.toml`, copied from the theme)
  static    a static file changed (`static/bench.txt`)

    bench/serve_latency.py --pages 10000 --edits 10

Prints one table row per kind. Uses only the standard library; the corpus comes from
bench/gen_corpus.py.
"""

import argparse
import os
import pathlib
import re
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
    ap.add_argument("--edits", type=int, default=10, help="edits of each kind")
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
    prepare_overrides(corpus)
    binary = REPO / "target/release/ipportal"
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)

    started = time.monotonic()
    server = subprocess.Popen([str(binary), "serve", "--root", str(corpus), "--port", str(args.port)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    rows = []
    try:
        line = server.stdout.readline()
        if not line.startswith("Serving "):
            sys.exit(f"serve did not start: {line!r}")
        port = int(line.split(":")[2].split("/")[0])
        print(f"first build and start: {time.monotonic() - started:.2f} s", file=sys.stderr)
        events = connect_events(port)
        for kind, edit in edit_kinds(corpus):
            latencies = []
            with edit:
                for n in range(args.edits):
                    before = time.monotonic()
                    edit.apply(n)
                    wait_for(events, b"event: reload")
                    latencies.append((time.monotonic() - before) * 1000)
                    time.sleep(0.2)
            if edit.restores:
                wait_for(events, b"event: reload")  # the original put back, before the next kind
            rows.append((kind, sorted(latencies)))
            print(f"{kind}: median {statistics.median(latencies):.0f} ms", file=sys.stderr)
    finally:
        server.terminate()
        server.wait()

    print(f"## serve: save-to-reload latency, {args.pages} pages, {args.edits} edits of each kind\n")
    print("| edit | median | min | max |")
    print("|---|---:|---:|---:|")
    for kind, latencies in rows:
        print(f"| {kind} | {statistics.median(latencies):.0f} ms | {latencies[0]:.0f} ms | {latencies[-1]:.0f} ms |")
    print(f"\nMachine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; corpus on "
          f"tmpfs; command: `bench/serve_latency.py --pages {args.pages} --edits {args.edits}`")


def prepare_overrides(corpus):
    """A portal-level copy of one template and of the Chinese strings, for the edits to change."""
    theme = REPO / "themes/default"
    for source, target in [("templates/section.html", "templates/section.html"), ("i18n/zh.toml", "i18n/zh.toml")]:
        path = corpus / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(theme / source, path)
    (corpus / "static").mkdir(exist_ok=True)
    (corpus / "static/bench.txt").write_text("bench\n", encoding="utf-8")


class FileEdit:
    """Rewrites one file as `change(original, n)`; puts the original back at the end."""

    restores = True

    def __init__(self, path, change):
        self.path, self.change = path, change

    def __enter__(self):
        self.original = self.path.read_text(encoding="utf-8")
        return self

    def apply(self, n):
        self.path.write_text(self.change(self.original, n), encoding="utf-8")

    def __exit__(self, *_):
        self.path.write_text(self.original, encoding="utf-8")


class NewPage:
    """Creates a page (`new page`) or deletes the one created (`deleted`)."""

    restores = False

    def __init__(self, folder, delete):
        self.folder, self.delete = folder, delete

    def __enter__(self):
        return self

    def path(self, n):
        return self.folder / f"bench-new-{n}.md"

    def apply(self, n):
        if self.delete:
            self.path(n).unlink()
        else:
            self.path(n).write_text(
                f"---\ntitle: 新页面 {n}\ndate: 2025-05-01\nsummary: 基准测试新建的页面。\n"
                f"tags: [入门]\ndisciplines: [law]\n---\n\n新页面 {n} 的正文。\n", encoding="utf-8")

    def __exit__(self, *_):
        pass


def edit_kinds(corpus):
    page = sorted((corpus / "content/guides").glob("guide-*[0-9].md"))[0]
    guides = corpus / "content/guides"
    return [
        ("body", FileEdit(page, lambda text, n: text + f"\n\nEdit number {n}.\n")),
        ("title", FileEdit(page, lambda text, n: re.sub(r'^title: "(.*)"$', rf'title: "\1 {n}"', text, count=1,
                                                        flags=re.M))),
        ("tag", FileEdit(page, lambda text, n: re.sub(r"^tags:\n", f'tags:\n  - "新标签{n}"\n', text, count=1,
                                                      flags=re.M))),
        ("new page", NewPage(guides, delete=False)),
        ("deleted", NewPage(guides, delete=True)),
        ("template", FileEdit(corpus / "templates/section.html", lambda text, n: text.replace("{% block content %}",
                                                                            f"{{% block content %}}{{# edit {n} #}}", 1))),
        ("string", FileEdit(corpus / "i18n/zh.toml",
                            lambda text, n: re.sub(r'^(\w+ = ")', rf"\g<1>{n} ", text, count=1, flags=re.M))),
        ("static", FileEdit(corpus / "static/bench.txt", lambda text, n: f"bench {n}\n")),
    ]


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
