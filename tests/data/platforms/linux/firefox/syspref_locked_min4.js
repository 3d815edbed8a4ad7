// This file can be used to configure global preferences for Firefox
pref("browser.shell.checkDefaultBrowser", false);
pref("browser.newtabpage.enhanced", false, sticky);
lockPref("security.tls.version.min", 4);
