"""The merchant's setup story on the admin page, in a real headless Chromium (Debian's), as
Kiva Logic's documentation tells it: log in, set the settings, create webhooks, fetch the
products, link, pull a full sync, and see a POS sale arrive in the Status panel. Screenshots
of each page, at a desktop's and a phone's width, go to $SHOTS.

Run by admin_setup_story.sh, which starts the simulator, lighttpd with the intake and
`kivals serve`, and passes everything in the environment.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.environ["KIVALS_SRC_DIR"], "tests", "tools"))
from webdriver import Browser, WebDriverError  # noqa: E402

ADMIN = os.environ["SERVE_ADDR"]
SHOTS = os.environ["SHOTS"]
KIVALS = os.environ["KIVALS"]
DESKTOP, PHONE = 1280, 390


def read(path):
    with open(path) as f:
        return f.read().strip()


def sim(path, body=None):
    headers = {"Authorization": "Bearer " + read(os.environ["LSSIM_TOKEN_FILE"])}
    request = urllib.request.Request(os.environ["LSSIM_URL"] + path, headers=headers,
                                     method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def kivals(*args):
    return subprocess.run([KIVALS, *args], check=True, capture_output=True, text=True).stdout


def check(condition, message):
    if not condition:
        raise AssertionError(message)


class Story:
    def __init__(self, browser):
        self.b = browser
        self.shot = 0

    def screenshots(self, name):
        for width, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
            self.shot += 1
            self.b.full_screenshot(os.path.join(SHOTS, f"{self.shot:02d}-{name}-{suffix}.png"), width)
        self.b.size(DESKTOP, 900)

    def home(self):
        self.b.get(ADMIN + "/admin/")
        self.b.wait_for("the Lightspeed page", lambda: self.b.find_all("#status"))

    def fact(self, name):
        for row in self.b.script(
                "return [...document.querySelectorAll('#status dt')].map("
                "dt => [dt.textContent, dt.nextElementSibling.textContent]);"):
            if row[0] == name:
                return row[1]
        raise AssertionError(f"the Status panel has no {name}")

    def save_setting(self, field_id, value):
        self.b.type(f"#{field_id}", value)
        self.b.click(f"form:has(#{field_id}) button")
        self.b.wait_for(f"{field_id} saved",
                        lambda: "Saved" in self.b.text("main > p[role=alert]"))

    def run_job(self, kind, button_css):
        self.b.click(button_css)
        line = f"[data-job-state=\"{kind}\"]"
        # The script follows the action and reloads the page when it ends.
        self.b.wait_for(f"{kind} to end", lambda: self.b.find_all(f"{line}.succeeded")
                        or self.b.find_all(f"{line}.failed"), timeout=120)
        text = self.b.text(line)
        check(self.b.find_all(f"{line}.succeeded"), f"{kind} failed: {text}")
        return text

    def run(self):
        b = self.b
        # Log in: a page asked for without a session goes to the login form.
        b.get(ADMIN + "/admin/")
        b.wait_for("the login page", lambda: b.url().endswith("/admin/login"))
        self.screenshots("login")
        b.type("#password", "not the password")
        b.click("form.login button")
        b.wait_for("the refusal", lambda: "Wrong password" in b.text("p[role=alert]"))
        time.sleep(2.5)  # the throttle: after a wrong password the next try waits a second
        b.get(ADMIN + "/admin/login")
        b.type("#password", read(os.environ["ADMIN_PASSWORD_FILE"]))
        b.click("form.login button")
        b.wait_for("the Lightspeed page", lambda: b.find_all("#status"))
        self.screenshots("lightspeed-empty")

        # Settings: store URL, API token (write-only), outlet; the webhook base URL (Dev Tools).
        self.save_setting("setting-store-url", os.environ["LSSIM_URL"])
        self.save_setting("setting-token", read(os.environ["LSSIM_TOKEN_FILE"]))
        check(b.attribute("#setting-token", "value") == "", "the token field shows a value")
        self.save_setting("setting-outlet-id", os.environ["OUTLET"])
        self.save_setting("setting-webhook-base-url", os.environ["WEB_URL"])
        check(kivals("config", "get", "store_url").strip() == os.environ["LSSIM_URL"],
              "the store URL saved on the page is not what kivals has")

        # Webhooks: Create Webhooks; both are listed as active.
        self.home()
        check("No Webhooks Found" in b.text("#webhooks"), "webhooks before creating them")
        result = self.run_job("webhooks-create", "#webhooks form[data-job] button")
        check("A probe delivery reached the spool" in result, result)
        rows = b.script("return [...document.querySelectorAll('#webhooks tbody tr')]"
                        ".map(r => r.textContent);")
        check(len(rows) == 2 and all("active" in r for r in rows), f"webhooks listed: {rows}")
        check("product.update" in rows[0] + rows[1] and "inventory.update" in rows[0] + rows[1],
              f"webhooks listed: {rows}")

        # Fetch All Products.
        result = self.run_job("fetch-products", "form[data-job=fetch-products] button")
        check("new" in result, result)
        self.screenshots("lightspeed-fetched")

        # Link (the linker page is not there yet: `kivals link set`, the CLI's way).
        products = [p for p in sim("/api/2.0/products?page_size=100")["data"]
                    if p["has_inventory"] and not p["is_composite"] and not p["deleted_at"]][:2]
        kivals("kiva", "import", os.environ["KIVA_CSV"])
        for product, kiva in zip(products, ("K1", "K2")):
            kivals("link", "set", product["id"], kiva)
        self.home()
        check(self.fact("Linked Products") == "2", "linked products")

        # Pull Full Sync from Lightspeed.
        result = self.run_job("pull-sync", "form[data-job=pull-sync] button")
        check("2 linked product(s) seen" in result, result)
        check(self.fact("Last Full Sync") != "never", "Last Full Sync after the pull")

        # A POS sale: its webhook arrives in the spool (Pending Webhooks), then the queue
        # applies it (cron's `kivals queue process`).
        sim("/_sim/sale", {"product_id": products[0]["id"], "outlet_id": os.environ["OUTLET"],
                           "quantity": 1})
        sim("/_sim/quiesce?timeout_ms=10000", {})
        self.home()
        pending = int(self.fact("Pending Webhooks"))
        check(pending >= 1, f"Pending Webhooks after a POS sale: {pending}")
        self.screenshots("lightspeed-sale-pending")
        kivals("queue", "process")
        self.home()
        check(self.fact("Pending Webhooks") == "0", "the queue took the sale")
        self.screenshots("lightspeed-after-sale")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    browser = Browser(os.path.join(os.environ["T"], "chromedriver.log"))
    story = Story(browser)
    try:
        story.run()
    except (AssertionError, WebDriverError) as e:
        try:
            browser.full_screenshot(os.path.join(SHOTS, "failure.png"), DESKTOP)
            print(browser.script("return document.body.innerText;")[:3000], file=sys.stderr)
        except WebDriverError:
            pass
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    finally:
        browser.close()
    print(f"the story passed; {story.shot} screenshots in {SHOTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
