// Settings copied from an old "how to make Firefox more private" guide.
user_pref("privacy.resistFingerprinting", true);
user_pref("security.tls.version.max", 1);
