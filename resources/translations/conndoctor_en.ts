<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AnswerPage</name>
    <message>
        <source>Fixed: %1</source>
        <translation>Fixed: %1</translation>
    </message>
    <message>
        <source>Not fixed yet: %1. Please try the steps again.</source>
        <translation>Not fixed yet: %1. Please try the steps again.</translation>
    </message>
    <message>
        <source>The most likely cause: %1</source>
        <translation>The most likely cause: %1</translation>
    </message>
    <message>
        <source>What to do now</source>
        <translation>What to do now</translation>
    </message>
    <message>
        <source>After this, %1 more thing(s) to fix. We will show them one by one.</source>
        <translation>After this, %1 more thing(s) to fix. We will show them one by one.</translation>
    </message>
    <message>
        <source>&amp;Restore Firefox&apos;s default settings…</source>
        <translation>&amp;Restore Firefox&apos;s default settings…</translation>
    </message>
    <message>
        <source>Restore Firefox&apos;s default secure-connection settings</source>
        <translation>Restore Firefox&apos;s default secure-connection settings</translation>
    </message>
    <message>
        <source>The checks were stopped, so we could not determine the cause. Press Check again to run them to the end.</source>
        <translation>The checks were stopped, so we could not determine the cause. Press Check again to run them to the end.</translation>
    </message>
    <message>
        <source>From this computer, the site can be reached securely.</source>
        <translation>From this computer, the site can be reached securely.</translation>
    </message>
    <message>
        <source>If your browser still shows the error, one of these usually helps. Try them in this order:</source>
        <translation>If your browser still shows the error, one of these usually helps. Try them in this order:</translation>
    </message>
    <message>
        <source>1. Show how to clear the browser&apos;s &amp;cache</source>
        <translation>1. Show how to clear the browser&apos;s &amp;cache</translation>
    </message>
    <message>
        <source>Show how to clear the browser&apos;s cache</source>
        <translation>Show how to clear the browser&apos;s cache</translation>
    </message>
    <message>
        <source>2. Try another browser (for example Firefox, Chrome, Edge or Safari). If the site opens there, the problem is in the first browser&apos;s settings.</source>
        <translation>2. Try another browser (for example Firefox, Chrome, Edge or Safari). If the site opens there, the problem is in the first browser&apos;s settings.</translation>
    </message>
    <message>
        <source>3. &amp;Save a report for the help desk</source>
        <translation>3. &amp;Save a report for the help desk</translation>
    </message>
    <message>
        <source>Save a report for the help desk</source>
        <translation>Save a report for the help desk</translation>
    </message>
    <message>
        <source>It &amp;works now</source>
        <translation>It &amp;works now</translation>
    </message>
    <message>
        <source>The site works now</source>
        <translation>The site works now</translation>
    </message>
    <message>
        <source>Every area at a glance</source>
        <translation>Every area at a glance</translation>
    </message>
    <message>
        <source>▾ Hide the other findings</source>
        <translation>▾ Hide the other findings</translation>
    </message>
    <message>
        <source>▸ Show &amp;other findings</source>
        <translation>▸ Show &amp;other findings</translation>
    </message>
    <message>
        <source>Show or hide the other findings</source>
        <translation>Show or hide the other findings</translation>
    </message>
    <message>
        <source>a problem was found</source>
        <translation>a problem was found</translation>
    </message>
    <message>
        <source>nothing wrong</source>
        <translation>nothing wrong</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The connection</source>
        <translation>The connection</translation>
    </message>
    <message>
        <source>The clock</source>
        <translation>The clock</translation>
    </message>
    <message>
        <source>The system</source>
        <translation>The system</translation>
    </message>
    <message>
        <source>The browser</source>
        <translation>The browser</translation>
    </message>
    <message>
        <source>The website</source>
        <translation>The website</translation>
    </message>
    <message>
        <source>What we found</source>
        <translation>What we found</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Check &amp;again</translation>
    </message>
    <message>
        <source>Check again whether it is fixed</source>
        <translation>Check again whether it is fixed</translation>
    </message>
</context>
<context>
    <name>AreaPage</name>
    <message>
        <source>▾ Hide the technical details</source>
        <translation>▾ Hide the technical details</translation>
    </message>
    <message>
        <source>▸ Show the &amp;technical details</source>
        <translation>▸ Show the &amp;technical details</translation>
    </message>
    <message>
        <source>Show or hide the technical details</source>
        <translation>Show or hide the technical details</translation>
    </message>
    <message>
        <source>The site answered, but only over a connection your browser does not accept.</source>
        <translation>The site answered, but only over a connection your browser does not accept.</translation>
    </message>
    <message>
        <source>Nothing is wrong here. You can go on to the next step.</source>
        <translation>Nothing is wrong here. You can go on to the next step.</translation>
    </message>
    <message>
        <source>Something here could not be checked fully, but it is not the cause.</source>
        <translation>Something here could not be checked fully, but it is not the cause.</translation>
    </message>
    <message>
        <source>We found a problem here: %1</source>
        <translation>We found a problem here: %1</translation>
    </message>
    <message>
        <source>We found a problem here.</source>
        <translation>We found a problem here.</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>Not fixed yet:</source>
        <translation>Not fixed yet:</translation>
    </message>
    <message>
        <source>Fixed:</source>
        <translation>Fixed:</translation>
    </message>
    <message>
        <source>Checked again:</source>
        <translation>Checked again:</translation>
    </message>
    <message>
        <source>nothing changed</source>
        <translation>nothing changed</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Check &amp;again</translation>
    </message>
    <message>
        <source>Check this step again</source>
        <translation>Check this step again</translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message>
        <source>Browsers on this computer</source>
        <translation>Browsers on this computer</translation>
    </message>
    <message>
        <source>%1 %2: cache %3</source>
        <translation>%1 %2: cache %3</translation>
    </message>
    <message>
        <source>C&amp;lear the cache for me</source>
        <translation>C&amp;lear the cache for me</translation>
    </message>
    <message>
        <source>%1 %2 (on this computer)</source>
        <translation>%1 %2 (on this computer)</translation>
    </message>
    <message>
        <source>Show the steps for:</source>
        <translation>Show the steps for:</translation>
    </message>
    <message>
        <source>Browser whose steps are shown</source>
        <translation>Browser whose steps are shown</translation>
    </message>
    <message>
        <source>%1 was not found on this computer. Follow its steps on the computer that shows the error.</source>
        <translation>%1 was not found on this computer. Follow its steps on the computer that shows the error.</translation>
    </message>
    <message>
        <source>&amp;Open the clear-data page of %1</source>
        <translation>&amp;Open the clear-data page of %1</translation>
    </message>
    <message>
        <source>Open the clear-data page of %1</source>
        <translation>Open the clear-data page of %1</translation>
    </message>
    <message>
        <source>Clear the cache of %1 for me</source>
        <translation>Clear the cache of %1 for me</translation>
    </message>
    <message>
        <source>%1 keeps %2 of saved copies of pages (its cache).</source>
        <translation>%1 keeps %2 of saved copies of pages (its cache).</translation>
    </message>
    <message>
        <source>%1 keeps at least %2 of saved copies of pages (its cache).</source>
        <translation>%1 keeps at least %2 of saved copies of pages (its cache).</translation>
    </message>
    <message>
        <source>The cache of %1 is empty: nothing to clear.</source>
        <translation>The cache of %1 is empty: nothing to clear.</translation>
    </message>
    <message>
        <source>%1 %2: cache %3 or more</source>
        <translation>%1 %2: cache %3 or more</translation>
    </message>
    <message>
        <source>%1 is opening. Click its address bar, paste (Ctrl+V) the address %2 that Connection Doctor copied for you, and press Enter.</source>
        <translation>%1 is opening. Click its address bar, paste (Ctrl+V) the address %2 that Connection Doctor copied for you, and press Enter.</translation>
    </message>
    <message>
        <source>Or press %1 in %2.</source>
        <translation>Or press %1 in %2.</translation>
    </message>
    <message>
        <source>Clear the cache?</source>
        <translation>Clear the cache?</translation>
    </message>
    <message>
        <source>Connection Doctor will delete the cached copies of web pages that %1 keeps. Your bookmarks, passwords, history and cookies stay as they are. Continue?</source>
        <translation>Connection Doctor will delete the cached copies of web pages that %1 keeps. Your bookmarks, passwords, history and cookies stay as they are. Continue?</translation>
    </message>
    <message>
        <source>The cache was not cleared: %1</source>
        <translation>The cache was not cleared: %1</translation>
    </message>
    <message>
        <source>Done: %1 freed. Open the site again in the browser.</source>
        <translation>Done: %1 freed. Open the site again in the browser.</translation>
    </message>
    <message>
        <source>No changed Firefox settings were found on this computer.</source>
        <translation>No changed Firefox settings were found on this computer.</translation>
    </message>
    <message>
        <source>Connection Doctor will set Firefox&apos;s secure-connection settings back to Firefox&apos;s own defaults, as Firefox&apos;s error page offers. A copy of the old settings is kept. Please close Firefox first. Continue?</source>
        <translation>Connection Doctor will set Firefox&apos;s secure-connection settings back to Firefox&apos;s own defaults, as Firefox&apos;s error page offers. A copy of the old settings is kept. Please close Firefox first. Continue?</translation>
    </message>
    <message>
        <source>Firefox&apos;s settings are back to their defaults (%1).</source>
        <translation>Firefox&apos;s settings are back to their defaults (%1).</translation>
    </message>
    <message>
        <source>A copy of the old settings was kept: %1</source>
        <translation>A copy of the old settings was kept: %1</translation>
    </message>
    <message>
        <source>Firefox settings</source>
        <translation>Firefox settings</translation>
    </message>
    <message>
        <source>Step 4: The browser</source>
        <translation>Step 4: The browser</translation>
    </message>
    <message>
        <source>Old saved copies of pages (the cache) can keep an error showing after it is fixed.</source>
        <translation>Old saved copies of pages (the cache) can keep an error showing after it is fixed.</translation>
    </message>
</context>
<context>
    <name>CheckingPage</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Connection Doctor is checking the connection, the clock, this computer and the site.</source>
        <translation>Connection Doctor is checking the connection, the clock, this computer and the site.</translation>
    </message>
    <message>
        <source>&amp;Stop checking</source>
        <translation>&amp;Stop checking</translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation>Stop checking</translation>
    </message>
    <message>
        <source>Progress of the checks</source>
        <translation>Progress of the checks</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>The checks could not run: %1</translation>
    </message>
    <message>
        <source>Checking was stopped. Press Next to see what was found so far.</source>
        <translation>Checking was stopped. Press Next to see what was found so far.</translation>
    </message>
    <message>
        <source>All checks are done. Press Next to see what we found.</source>
        <translation>All checks are done. Press Next to see what we found.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>This usually takes a few seconds. You can keep using your computer.</source>
        <translation>This usually takes a few seconds. You can keep using your computer.</translation>
    </message>
    <message>
        <source>Step 1: The connection</source>
        <translation>Step 1: The connection</translation>
    </message>
    <message>
        <source>Step 2: The clock</source>
        <translation>Step 2: The clock</translation>
    </message>
    <message>
        <source>Step 3: The system and the browser</source>
        <translation>Step 3: The system and the browser</translation>
    </message>
    <message>
        <source>Step 4: The browser</source>
        <translation>Step 4: The browser</translation>
    </message>
    <message>
        <source>Step 5: The website</source>
        <translation>Step 5: The website</translation>
    </message>
</context>
<context>
    <name>ClockPage</name>
    <message>
        <source>This computer&apos;s time:</source>
        <translation>This computer&apos;s time:</translation>
    </message>
    <message>
        <source>Trusted time:</source>
        <translation>Trusted time:</translation>
    </message>
    <message>
        <source>Difference:</source>
        <translation>Difference:</translation>
    </message>
    <message>
        <source>no difference (less than a second)</source>
        <translation>no difference (less than a second)</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 hours</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 seconds</translation>
    </message>
    <message>
        <source>this computer is %1 ahead</source>
        <translation>this computer is %1 ahead</translation>
    </message>
    <message>
        <source>this computer is %1 behind</source>
        <translation>this computer is %1 behind</translation>
    </message>
    <message>
        <source>Step 2: The clock</source>
        <translation>Step 2: The clock</translation>
    </message>
    <message>
        <source>Secure sites check the date. If the clock is wrong, every site can look unsafe.</source>
        <translation>Secure sites check the date. If the clock is wrong, every site can look unsafe.</translation>
    </message>
</context>
<context>
    <name>ClockSteps</name>
    <message>
        <source>Open Settings › General › Date &amp; Time.</source>
        <translation>Open Settings › General › Date &amp; Time.</translation>
    </message>
    <message>
        <source>Turn on “Set Automatically”.</source>
        <translation>Turn on “Set Automatically”.</translation>
    </message>
    <message>
        <source>Check that the time zone is right, then open the site again.</source>
        <translation>Check that the time zone is right, then open the site again.</translation>
    </message>
    <message>
        <source>Open Settings › System › Date &amp; time.</source>
        <translation>Open Settings › System › Date &amp; time.</translation>
    </message>
    <message>
        <source>Turn on “Set time automatically” and “Set time zone automatically”.</source>
        <translation>Turn on “Set time automatically” and “Set time zone automatically”.</translation>
    </message>
    <message>
        <source>Open the site again.</source>
        <translation>Open the site again.</translation>
    </message>
    <message>
        <source>On the other computer, open its date and time settings.</source>
        <translation>On the other computer, open its date and time settings.</translation>
    </message>
    <message>
        <source>Turn on setting the time automatically, and check the time zone.</source>
        <translation>Turn on setting the time automatically, and check the time zone.</translation>
    </message>
    <message>
        <source>Open Settings › Time &amp; language › Date &amp; time.</source>
        <translation>Open Settings › Time &amp; language › Date &amp; time.</translation>
    </message>
    <message>
        <source>Press “Sync now”, then open the site again.</source>
        <translation>Press “Sync now”, then open the site again.</translation>
    </message>
    <message>
        <source>Open System Settings › General › Date &amp; Time.</source>
        <translation>Open System Settings › General › Date &amp; Time.</translation>
    </message>
    <message>
        <source>Turn on “Set time and date automatically”.</source>
        <translation>Turn on “Set time and date automatically”.</translation>
    </message>
    <message>
        <source>Check the time zone, then open the site again.</source>
        <translation>Check the time zone, then open the site again.</translation>
    </message>
    <message>
        <source>Open your desktop&apos;s settings and choose “Date &amp; Time”.</source>
        <translation>Open your desktop&apos;s settings and choose “Date &amp; Time”.</translation>
    </message>
    <message>
        <source>Turn on “Automatic date &amp; time” (network time) and check the time zone.</source>
        <translation>Turn on “Automatic date &amp; time” (network time) and check the time zone.</translation>
    </message>
    <message>
        <source>Or, in a terminal, run: timedatectl set-ntp true (then check with: timedatectl status).</source>
        <translation>Or, in a terminal, run: timedatectl set-ntp true (then check with: timedatectl status).</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>You seem to be on a Wi-Fi network that wants you to log in or accept its terms first (in a hotel, station, café or office).</source>
        <translation>You seem to be on a Wi-Fi network that wants you to log in or accept its terms first (in a hotel, station, café or office).</translation>
    </message>
    <message>
        <source>Step 1: The connection</source>
        <translation>Step 1: The connection</translation>
    </message>
    <message>
        <source>Is this computer on the internet, and can it find and reach the site?</source>
        <translation>Is this computer on the internet, and can it find and reach the site?</translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <source>%1 %2 (on this computer)</source>
        <translation>%1 %2 (on this computer)</translation>
    </message>
    <message>
        <source>%1 (on this computer)</source>
        <translation>%1 (on this computer)</translation>
    </message>
    <message>
        <source>I don&apos;t know</source>
        <translation>I don&apos;t know</translation>
    </message>
    <message>
        <source>Looking for browsers on this computer…</source>
        <translation>Looking for browsers on this computer…</translation>
    </message>
    <message>
        <source>Where do you see the error?</source>
        <translation>Where do you see the error?</translation>
    </message>
    <message>
        <source>Choose the device and the browser that show the error page.</source>
        <translation>Choose the device and the browser that show the error page.</translation>
    </message>
    <message>
        <source>On &amp;this computer</source>
        <translation>On &amp;this computer</translation>
    </message>
    <message>
        <source>On an &amp;iPhone or iPad</source>
        <translation>On an &amp;iPhone or iPad</translation>
    </message>
    <message>
        <source>On an &amp;Android phone or tablet</source>
        <translation>On an &amp;Android phone or tablet</translation>
    </message>
    <message>
        <source>On an&amp;other computer</source>
        <translation>On an&amp;other computer</translation>
    </message>
    <message>
        <source>Android &amp;version:</source>
        <translation>Android &amp;version:</translation>
    </message>
    <message>
        <source>iOS &amp;version:</source>
        <translation>iOS &amp;version:</translation>
    </message>
    <message>
        <source>for example 17.2</source>
        <translation>for example 17.2</translation>
    </message>
    <message>
        <source>Version of the phone&apos;s system</source>
        <translation>Version of the phone&apos;s system</translation>
    </message>
    <message>
        <source>&amp;Browser:</source>
        <translation>&amp;Browser:</translation>
    </message>
    <message>
        <source>Browser that shows the error</source>
        <translation>Browser that shows the error</translation>
    </message>
</context>
<context>
    <name>DoctorWizard</name>
    <message>
        <source>Close Connection Doctor?</source>
        <translation>Close Connection Doctor?</translation>
    </message>
    <message>
        <source>Do you want to close Connection Doctor? What was found so far is not kept.</source>
        <translation>Do you want to close Connection Doctor? What was found so far is not kept.</translation>
    </message>
    <message>
        <source>Connection Doctor</source>
        <translation>Connection Doctor</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>InstructionBox</name>
    <message>
        <source>How to clear the cache in %1</source>
        <translation>How to clear the cache in %1</translation>
    </message>
    <message>
        <source>How to turn on TLS 1.2 in %1</source>
        <translation>How to turn on TLS 1.2 in %1</translation>
    </message>
    <message>
        <source>How to update %1</source>
        <translation>How to update %1</translation>
    </message>
    <message>
        <source>%1 has the same menus as %2, so these are the steps for %2.</source>
        <translation>%1 has the same menus as %2, so these are the steps for %2.</translation>
    </message>
    <message>
        <source>The steps are the same as above.</source>
        <translation>The steps are the same as above.</translation>
    </message>
    <message>
        <source>Picture for steps %1</source>
        <translation>Picture for steps %1</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>What the report will contain</source>
        <translation>What the report will contain</translation>
    </message>
    <message>
        <source>In your own &amp;words: what were you trying to do? (optional)</source>
        <translation>In your own &amp;words: what were you trying to do? (optional)</translation>
    </message>
    <message>
        <source>Your own words for the help desk</source>
        <translation>Your own words for the help desk</translation>
    </message>
    <message>
        <source>&amp;Include personal details (user name, computer name, local addresses)</source>
        <translation>&amp;Include personal details (user name, computer name, local addresses)</translation>
    </message>
    <message>
        <source>Include personal details in the report</source>
        <translation>Include personal details in the report</translation>
    </message>
    <message>
        <source>&amp;Preview of the report:</source>
        <translation>&amp;Preview of the report:</translation>
    </message>
    <message>
        <source>Preview of the report</source>
        <translation>Preview of the report</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecheckPage</name>
    <message>
        <source>Checking again…</source>
        <translation>Checking again…</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>The checks could not run: %1</translation>
    </message>
</context>
<context>
    <name>SeenPanel</name>
    <message>
        <source>I don&apos;t remember / skip this question</source>
        <translation>I don&apos;t remember / skip this question</translation>
    </message>
    <message>
        <source>We recognise this message: %1</source>
        <translation>We recognise this message: %1</translation>
    </message>
    <message>
        <source>We do not recognise this text. That is fine: the checks will still run.</source>
        <translation>We do not recognise this text. That is fine: the checks will still run.</translation>
    </message>
    <message>
        <source>What did the error page say?</source>
        <translation>What did the error page say?</translation>
    </message>
    <message>
        <source>This question is optional. If you remember the message or the code (such as NET::ERR_CERT_DATE_INVALID), it helps to find the cause faster.</source>
        <translation>This question is optional. If you remember the message or the code (such as NET::ERR_CERT_DATE_INVALID), it helps to find the cause faster.</translation>
    </message>
    <message>
        <source>The &amp;error message you saw:</source>
        <translation>The &amp;error message you saw:</translation>
    </message>
    <message>
        <source>Or paste the te&amp;xt of the error page:</source>
        <translation>Or paste the te&amp;xt of the error page:</translation>
    </message>
    <message>
        <source>Message or code shown on the error page</source>
        <translation>Message or code shown on the error page</translation>
    </message>
    <message>
        <source>Paste here (optional)</source>
        <translation>Paste here (optional)</translation>
    </message>
    <message>
        <source>Text copied from the error page</source>
        <translation>Text copied from the error page</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>This is a problem of the website, not of your computer. Only the website&apos;s owner can fix it.</source>
        <translation>This is a problem of the website, not of your computer. Only the website&apos;s owner can fix it.</translation>
    </message>
    <message>
        <source>What to tell the website&apos;s owner:</source>
        <translation>What to tell the website&apos;s owner:</translation>
    </message>
    <message>
        <source>&amp;Copy this message</source>
        <translation>&amp;Copy this message</translation>
    </message>
    <message>
        <source>Copy the message for the website&apos;s owner</source>
        <translation>Copy the message for the website&apos;s owner</translation>
    </message>
    <message>
        <source>When I open %1, the browser refuses the secure connection.</source>
        <translation>When I open %1, the browser refuses the secure connection.</translation>
    </message>
    <message>
        <source>Connection Doctor found:</source>
        <translation>Connection Doctor found:</translation>
    </message>
    <message>
        <source>Step 5: The website</source>
        <translation>Step 5: The website</translation>
    </message>
    <message>
        <source>Is the site&apos;s certificate valid, and does the site use a modern secure connection?</source>
        <translation>Is the site&apos;s certificate valid, and does the site use a modern secure connection?</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>No problem was found from this computer.</source>
        <translation>No problem was found from this computer.</translation>
    </message>
    <message>
        <source>The site can be reached securely from here. If your browser still shows the error: clear its cache, restart it, or try another browser. If nothing helps, save a report below and send it to your help desk.</source>
        <translation>The site can be reached securely from here. If your browser still shows the error: clear its cache, restart it, or try another browser. If nothing helps, save a report below and send it to your help desk.</translation>
    </message>
    <message>
        <source>The most likely cause:</source>
        <translation>The most likely cause:</translation>
    </message>
    <message>
        <source>Also found:</source>
        <translation>Also found:</translation>
    </message>
    <message>
        <source>What you already tried</source>
        <translation>What you already tried</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Nothing yet.</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF report (*.pdf)</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>JSON report (*.json)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Replace the file?</translation>
    </message>
    <message>
        <source>%1 already exists. Do you want to replace it?</source>
        <translation>%1 already exists. Do you want to replace it?</translation>
    </message>
    <message>
        <source>Not saved: the existing file was kept.</source>
        <translation>Not saved: the existing file was kept.</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>The report could not be saved: %1</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>A short summary was copied. You can paste it into an e-mail.</source>
        <translation>A short summary was copied. You can paste it into an e-mail.</translation>
    </message>
    <message>
        <source>What we found</source>
        <translation>What we found</translation>
    </message>
    <message>
        <source>Here is the result. You can save it as a report for your help desk.</source>
        <translation>Here is the result. You can save it as a report for your help desk.</translation>
    </message>
    <message>
        <source>Save report as &amp;PDF…</source>
        <translation>Save report as &amp;PDF…</translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation>Save the report as a PDF file</translation>
    </message>
    <message>
        <source>Save as &amp;JSON…</source>
        <translation>Save as &amp;JSON…</translation>
    </message>
    <message>
        <source>Save the report as a JSON file</source>
        <translation>Save the report as a JSON file</translation>
    </message>
    <message>
        <source>Copy a short &amp;summary</source>
        <translation>Copy a short &amp;summary</translation>
    </message>
    <message>
        <source>&amp;Open the report</source>
        <translation>&amp;Open the report</translation>
    </message>
    <message>
        <source>Open the saved report</source>
        <translation>Open the saved report</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Show in &amp;folder</translation>
    </message>
    <message>
        <source>Show the saved report in its folder</source>
        <translation>Show the saved report in its folder</translation>
    </message>
    <message>
        <source>Copy a short summary to the clipboard</source>
        <translation>Copy a short summary to the clipboard</translation>
    </message>
</context>
<context>
    <name>SystemLinks</name>
    <message>
        <source>Open &amp;date and time settings</source>
        <translation>Open &amp;date and time settings</translation>
    </message>
    <message>
        <source>Open date and time settings</source>
        <translation>Open date and time settings</translation>
    </message>
    <message>
        <source>Open the &amp;Wi-Fi login page</source>
        <translation>Open the &amp;Wi-Fi login page</translation>
    </message>
    <message>
        <source>Open the Wi-Fi login page</source>
        <translation>Open the Wi-Fi login page</translation>
    </message>
</context>
<context>
    <name>SystemPage</name>
    <message>
        <source>Your phone&apos;s system:</source>
        <translation>Your phone&apos;s system:</translation>
    </message>
    <message>
        <source>The results below are about this computer. Old systems (such as Windows 7 or older, Android 4.4 or older, iOS 4 or older) cannot use today&apos;s secure connections.</source>
        <translation>The results below are about this computer. Old systems (such as Windows 7 or older, Android 4.4 or older, iOS 4 or older) cannot use today&apos;s secure connections.</translation>
    </message>
    <message>
        <source>Step 3: The system and the browser</source>
        <translation>Step 3: The system and the browser</translation>
    </message>
    <message>
        <source>Can the system and the browser use today&apos;s secure connections (TLS 1.2 or newer)?</source>
        <translation>Can the system and the browser use today&apos;s secure connections (TLS 1.2 or newer)?</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>We will check %1</source>
        <translation>We will check %1</translation>
    </message>
    <message>
        <source>Let&apos;s find out why the site does not open</source>
        <translation>Let&apos;s find out why the site does not open</translation>
    </message>
    <message>
        <source>Your browser said it could not make a secure connection. Answer a few questions and Connection Doctor will look for the reason and show you how to fix it, step by step.</source>
        <translation>Your browser said it could not make a secure connection. Answer a few questions and Connection Doctor will look for the reason and show you how to fix it, step by step.</translation>
    </message>
    <message>
        <source>&amp;Language / 言語:</source>
        <translation>&amp;Language / 言語:</translation>
    </message>
    <message>
        <source>&amp;Which address shows the error?</source>
        <translation>&amp;Which address shows the error?</translation>
    </message>
    <message>
        <source>for example www.example.com</source>
        <translation>for example www.example.com</translation>
    </message>
    <message>
        <source>Address of the site that shows the error</source>
        <translation>Address of the site that shows the error</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>Paste the address from the clipboard</source>
        <translation>Paste the address from the clipboard</translation>
    </message>
    <message>
        <source>Tip: copy the address from the browser&apos;s address bar and paste it here. You can leave out https://.</source>
        <translation>Tip: copy the address from the browser&apos;s address bar and paste it here. You can leave out https://.</translation>
    </message>
</context>
</TS>
