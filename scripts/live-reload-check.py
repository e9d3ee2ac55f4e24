#!/usr/bin/env python3
"""Checks `toasoan serve`'s live reload in a real browser (headless Chromium via selenium).

On a copy of the bundled sample edition: open an article page; edit its Markdown and expect
the page to reload with the new text; break its front matter and expect the diagnostics
overlay; fix it and expect the overlay gone; no console errors throughout.
Needs chromium, chromium-driver (Debian) and selenium (PyPI). Prints what it saw; exit 1
when something is not as expected.

usage: scripts/live-reload-check.py [--binary .build/release/toasoan]
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wait_for(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "toasoan"))
    args = parser.parse_args()
    site = tempfile.mkdtemp(prefix="toasoan-live-reload-")
    for folder in ("Content", "Templates"):
        shutil.copytree(os.path.join(REPO, folder), os.path.join(site, folder))
    server = subprocess.Popen([args.binary, "serve", "--port", "0", "--site", site], stderr=subprocess.PIPE, text=True)
    line = ""
    while "Serving" not in line:
        line = server.stderr.readline()
        if not line and server.poll() is not None:
            sys.exit("serve did not start")
    base = re.search(r"http://127\.0\.0\.1:\d+/\S*", line).group(0)
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options)
    article = os.path.join(site, "Content/articles/2019/07/cum-thi-dua-so-5.md")
    original = open(article, encoding="utf-8").read()
    failures = []
    try:
        page = base + "thoi-su-chinh-tri/cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang-trien-khai-9-nhiem-vu-trong-tam-nhung-thang-cuoi-nam-2019/"
        browser.get(page)
        browser.execute_script("window.__notReloaded = true")
        open(article, "w", encoding="utf-8").write(original + "\n\nĐoạn mới LIVE-RELOAD-123.\n")
        reloaded = wait_for(lambda: "LIVE-RELOAD-123" in browser.page_source)
        print("edit → page reloaded with the new text:", reloaded)
        reloaded or failures.append("no reload after an edit")

        open(article, "w", encoding="utf-8").write(original.replace("title:", "titl:", 1))
        shown = wait_for(lambda: browser.find_elements("css selector", "[role=alert]"))
        text = browser.find_elements("css selector", "[role=alert]")[0].text if shown else ""
        print("broken front matter → overlay:", text.splitlines()[2:3])
        ("missing required key" in text) or failures.append("no overlay with the diagnostic")

        open(article, "w", encoding="utf-8").write(original)
        cleared = wait_for(lambda: not browser.find_elements("css selector", "[role=alert]")
                           and "LIVE-RELOAD-123" not in browser.page_source)
        print("fixed → overlay gone, page as before:", cleared)
        cleared or failures.append("overlay not cleared after the fix")

        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        print("console errors:", errors)
        errors and failures.append("console errors")
    finally:
        browser.quit()
        server.send_signal(2)
        server.wait(timeout=10)
        shutil.rmtree(site, ignore_errors=True)
    if failures:
        sys.exit("live reload: " + "; ".join(failures))
    print("live reload: all good")


if __name__ == "__main__":
    main()
