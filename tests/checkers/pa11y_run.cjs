// Runs pa11y (HTML_CodeSniffer, WCAG 2 AA) on a list of addresses in one Chromium.
// stdin: {"urls": [...], "cookie": "name=value", "chromium": "/usr/bin/chromium", "hide": [selectors]}
// stdout: {url: [errors]} (warnings and notices are left out: the tests count errors).
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const { urls, cookie, chromium, hide } = JSON.parse(Buffer.concat(chunks).toString());
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const results = {};
  try {
    for (const url of urls) {
      const result = await pa11y(url, {
        browser,
        standard: "WCAG2AA",
        runners: ["htmlcs"],
        headers: cookie ? { Cookie: cookie } : {},
        hideElements: (hide || []).join(", ") || undefined,
        timeout: 60000,
      });
      results[url] = result.issues.filter((issue) => issue.type === "error");
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
