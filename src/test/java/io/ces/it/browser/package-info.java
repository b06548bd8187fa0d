/**
 * Browser tests: the demo page and the JavaScript client in Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver, against replica A.
 */
package io.ces.it.browser;
