<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AnswerPage</name>
    <message>
        <source>Fixed: %1</source>
        <translation>解決しました：%1</translation>
    </message>
    <message>
        <source>Not fixed yet: %1. Please try the steps again.</source>
        <translation>まだ解決していません：%1。もう一度手順をお試しください。</translation>
    </message>
    <message>
        <source>The most likely cause: %1</source>
        <translation>最も考えられる原因：%1</translation>
    </message>
    <message>
        <source>What to do now</source>
        <translation>今すること</translation>
    </message>
    <message>
        <source>After this, %1 more thing(s) to fix. We will show them one by one.</source>
        <translation>このあと、直すことがあと %1 つあります。一つずつご案内します。</translation>
    </message>
    <message>
        <source>&amp;Restore Firefox&apos;s default settings…</source>
        <translation>Firefox の設定を既定に戻す(&amp;R)…</translation>
    </message>
    <message>
        <source>Restore Firefox&apos;s default secure-connection settings</source>
        <translation>Firefox の安全な接続の設定を既定に戻す</translation>
    </message>
    <message>
        <source>The checks were stopped, so we could not determine the cause. Press Check again to run them to the end.</source>
        <translation>確認を途中で止めたため、原因は判断できませんでした。「もう一度確認」を押すと最後まで確認します。</translation>
    </message>
    <message>
        <source>From this computer, the site can be reached securely.</source>
        <translation>このコンピューターからは、サイトに安全に接続できます。</translation>
    </message>
    <message>
        <source>If your browser still shows the error, one of these usually helps. Try them in this order:</source>
        <translation>それでもブラウザにエラーが出る場合は、次のどれかで直ることがよくあります。この順にお試しください。</translation>
    </message>
    <message>
        <source>1. Show how to clear the browser&apos;s &amp;cache</source>
        <translation>1. ブラウザのキャッシュを削除する方法を見る(&amp;C)</translation>
    </message>
    <message>
        <source>Show how to clear the browser&apos;s cache</source>
        <translation>ブラウザのキャッシュを削除する方法を見る</translation>
    </message>
    <message>
        <source>2. Try another browser (for example Firefox, Chrome, Edge or Safari). If the site opens there, the problem is in the first browser&apos;s settings.</source>
        <translation>2. 別のブラウザ(Firefox、Chrome、Edge、Safari など)で開いてみてください。そちらで開ければ、最初のブラウザの設定に原因があります。</translation>
    </message>
    <message>
        <source>3. &amp;Save a report for the help desk</source>
        <translation>3. ヘルプデスク用にレポートを保存する(&amp;S)</translation>
    </message>
    <message>
        <source>Save a report for the help desk</source>
        <translation>ヘルプデスク用にレポートを保存する</translation>
    </message>
    <message>
        <source>It &amp;works now</source>
        <translation>開けるようになった(&amp;W)</translation>
    </message>
    <message>
        <source>The site works now</source>
        <translation>サイトが開けるようになった</translation>
    </message>
    <message>
        <source>Every area at a glance</source>
        <translation>すべての項目の結果</translation>
    </message>
    <message>
        <source>▾ Hide the other findings</source>
        <translation>▾ ほかの結果を隠す</translation>
    </message>
    <message>
        <source>▸ Show &amp;other findings</source>
        <translation>▸ ほかの結果を見る(&amp;O)</translation>
    </message>
    <message>
        <source>Show or hide the other findings</source>
        <translation>ほかの結果を表示または非表示にする</translation>
    </message>
    <message>
        <source>a problem was found</source>
        <translation>問題が見つかりました</translation>
    </message>
    <message>
        <source>nothing wrong</source>
        <translation>問題はありません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>The clock</source>
        <translation>時計</translation>
    </message>
    <message>
        <source>The system</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>The browser</source>
        <translation>ブラウザ</translation>
    </message>
    <message>
        <source>The website</source>
        <translation>Webサイト</translation>
    </message>
    <message>
        <source>What we found</source>
        <translation>確認の結果</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>もう一度確認(&amp;A)</translation>
    </message>
    <message>
        <source>Check again whether it is fixed</source>
        <translation>直ったかどうかもう一度確認する</translation>
    </message>
</context>
<context>
    <name>AreaPage</name>
    <message>
        <source>▾ Hide the technical details</source>
        <translation>▾ 技術的な詳細を隠す</translation>
    </message>
    <message>
        <source>▸ Show the &amp;technical details</source>
        <translation>▸ 技術的な詳細を見る(&amp;T)</translation>
    </message>
    <message>
        <source>Show or hide the technical details</source>
        <translation>技術的な詳細を表示または非表示にする</translation>
    </message>
    <message>
        <source>The site answered, but only over a connection your browser does not accept.</source>
        <translation>サイトは応答しましたが、ブラウザが受け入れない接続でのことです。</translation>
    </message>
    <message>
        <source>Nothing is wrong here. You can go on to the next step.</source>
        <translation>ここには問題はありません。次へ進んでください。</translation>
    </message>
    <message>
        <source>Something here could not be checked fully, but it is not the cause.</source>
        <translation>ここには確認しきれなかった点がありますが、原因ではありません。</translation>
    </message>
    <message>
        <source>We found a problem here: %1</source>
        <translation>ここに問題が見つかりました：%1</translation>
    </message>
    <message>
        <source>We found a problem here.</source>
        <translation>ここに問題が見つかりました。</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>Not fixed yet:</source>
        <translation>まだ直っていません：</translation>
    </message>
    <message>
        <source>Fixed:</source>
        <translation>解決しました：</translation>
    </message>
    <message>
        <source>Checked again:</source>
        <translation>もう一度確認しました：</translation>
    </message>
    <message>
        <source>nothing changed</source>
        <translation>変化はありません</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>もう一度確認(&amp;A)</translation>
    </message>
    <message>
        <source>Check this step again</source>
        <translation>この項目をもう一度確認する</translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message>
        <source>Browsers on this computer</source>
        <translation>このコンピューターのブラウザ</translation>
    </message>
    <message>
        <source>%1 %2: cache %3</source>
        <translation>%1 %2：キャッシュ %3</translation>
    </message>
    <message>
        <source>C&amp;lear the cache for me</source>
        <translation>キャッシュを代わりに削除(&amp;L)</translation>
    </message>
    <message>
        <source>%1 %2 (on this computer)</source>
        <translation>%1 %2（このコンピューター）</translation>
    </message>
    <message>
        <source>Show the steps for:</source>
        <translation>手順を表示するブラウザ：</translation>
    </message>
    <message>
        <source>Browser whose steps are shown</source>
        <translation>手順を表示するブラウザ</translation>
    </message>
    <message>
        <source>%1 was not found on this computer. Follow its steps on the computer that shows the error.</source>
        <translation>%1 はこのコンピューターには見つかりませんでした。エラーが出るコンピューターで、下の手順を行ってください。</translation>
    </message>
    <message>
        <source>&amp;Open the clear-data page of %1</source>
        <translation>%1 のデータ削除画面を開く(&amp;O)</translation>
    </message>
    <message>
        <source>Open the clear-data page of %1</source>
        <translation>%1 のデータ削除画面を開く</translation>
    </message>
    <message>
        <source>Clear the cache of %1 for me</source>
        <translation>%1 のキャッシュを代わりに削除する</translation>
    </message>
    <message>
        <source>%1 keeps %2 of saved copies of pages (its cache).</source>
        <translation>%1 には、ページの一時保存データ（キャッシュ）が %2 あります。</translation>
    </message>
    <message>
        <source>%1 keeps at least %2 of saved copies of pages (its cache).</source>
        <translation>%1 には、ページの一時保存データ（キャッシュ）が %2 以上あります。</translation>
    </message>
    <message>
        <source>The cache of %1 is empty: nothing to clear.</source>
        <translation>%1 のキャッシュは空です。削除するものはありません。</translation>
    </message>
    <message>
        <source>%1 %2: cache %3 or more</source>
        <translation>%1 %2：キャッシュ %3 以上</translation>
    </message>
    <message>
        <source>%1 is opening. Click its address bar, paste (Ctrl+V) the address %2 that Connection Doctor copied for you, and press Enter.</source>
        <translation>%1 を起動しています。アドレスバーをクリックし、接続ドクターがコピーしたアドレス %2 を貼り付けて(Ctrl+V)、Enter キーを押してください。</translation>
    </message>
    <message>
        <source>Or press %1 in %2.</source>
        <translation>または %2 で %1 キーを押してください。</translation>
    </message>
    <message>
        <source>Clear the cache?</source>
        <translation>キャッシュを削除しますか？</translation>
    </message>
    <message>
        <source>Connection Doctor will delete the cached copies of web pages that %1 keeps. Your bookmarks, passwords, history and cookies stay as they are. Continue?</source>
        <translation>%1 が保存している Web ページの一時データ（キャッシュ）を削除します。ブックマーク、パスワード、履歴、Cookie はそのまま残ります。続けますか？</translation>
    </message>
    <message>
        <source>The cache was not cleared: %1</source>
        <translation>キャッシュは削除されませんでした：%1</translation>
    </message>
    <message>
        <source>Done: %1 freed. Open the site again in the browser.</source>
        <translation>完了しました：%1 を削除しました。ブラウザでもう一度サイトを開いてください。</translation>
    </message>
    <message>
        <source>No changed Firefox settings were found on this computer.</source>
        <translation>このコンピューターでは、変更された Firefox の設定は見つかりませんでした。</translation>
    </message>
    <message>
        <source>Connection Doctor will set Firefox&apos;s secure-connection settings back to Firefox&apos;s own defaults, as Firefox&apos;s error page offers. A copy of the old settings is kept. Please close Firefox first. Continue?</source>
        <translation>接続ドクターが、Firefox のエラー画面と同じように、安全な接続の設定を Firefox の既定に戻します。元の設定のコピーは残します。先に Firefox を閉じてください。続けますか?</translation>
    </message>
    <message>
        <source>Firefox&apos;s settings are back to their defaults (%1).</source>
        <translation>Firefox の設定を既定に戻しました(%1)。</translation>
    </message>
    <message>
        <source>A copy of the old settings was kept: %1</source>
        <translation>元の設定のコピーを残しました：%1</translation>
    </message>
    <message>
        <source>Firefox settings</source>
        <translation>Firefox の設定</translation>
    </message>
    <message>
        <source>Step 4: The browser</source>
        <translation>ステップ 4：ブラウザ</translation>
    </message>
    <message>
        <source>Old saved copies of pages (the cache) can keep an error showing after it is fixed.</source>
        <translation>ページの古い一時データ（キャッシュ）が残っていると、原因が直ったあともエラーが表示され続けることがあります。</translation>
    </message>
</context>
<context>
    <name>CheckingPage</name>
    <message>
        <source>%1 s</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <source>Connection Doctor is checking the connection, the clock, this computer and the site.</source>
        <translation>接続ドクターが、インターネット接続、時計、このコンピューター、サイトを確認しています。</translation>
    </message>
    <message>
        <source>&amp;Stop checking</source>
        <translation>確認を中止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation>確認を中止する</translation>
    </message>
    <message>
        <source>Progress of the checks</source>
        <translation>確認の進み具合</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>確認を実行できませんでした：%1</translation>
    </message>
    <message>
        <source>Checking was stopped. Press Next to see what was found so far.</source>
        <translation>確認を中止しました。「次へ」を押すと、ここまでにわかったことが表示されます。</translation>
    </message>
    <message>
        <source>All checks are done. Press Next to see what we found.</source>
        <translation>すべての確認が終わりました。「次へ」を押すと結果が表示されます。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <source>This usually takes a few seconds. You can keep using your computer.</source>
        <translation>ふつうは数秒で終わります。その間もコンピューターは使えます。</translation>
    </message>
    <message>
        <source>Step 1: The connection</source>
        <translation>ステップ 1：インターネット接続</translation>
    </message>
    <message>
        <source>Step 2: The clock</source>
        <translation>ステップ 2：時計</translation>
    </message>
    <message>
        <source>Step 3: The system and the browser</source>
        <translation>ステップ 3：OS とブラウザ</translation>
    </message>
    <message>
        <source>Step 4: The browser</source>
        <translation>ステップ 4：ブラウザ</translation>
    </message>
    <message>
        <source>Step 5: The website</source>
        <translation>ステップ 5：Webサイト</translation>
    </message>
</context>
<context>
    <name>ClockPage</name>
    <message>
        <source>This computer&apos;s time:</source>
        <translation>このコンピューターの時刻：</translation>
    </message>
    <message>
        <source>Trusted time:</source>
        <translation>正確な時刻：</translation>
    </message>
    <message>
        <source>Difference:</source>
        <translation>ずれ：</translation>
    </message>
    <message>
        <source>no difference (less than a second)</source>
        <translation>ずれはありません（1秒未満）</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1日</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1時間</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1分</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <source>this computer is %1 ahead</source>
        <translation>このコンピューターの時計が%1進んでいます</translation>
    </message>
    <message>
        <source>this computer is %1 behind</source>
        <translation>このコンピューターの時計が%1遅れています</translation>
    </message>
    <message>
        <source>Step 2: The clock</source>
        <translation>ステップ 2：時計</translation>
    </message>
    <message>
        <source>Secure sites check the date. If the clock is wrong, every site can look unsafe.</source>
        <translation>安全なサイトは日付を確認しています。時計がずれていると、どのサイトも安全でないように見えてしまいます。</translation>
    </message>
</context>
<context>
    <name>ClockSteps</name>
    <message>
        <source>Open Settings › General › Date &amp; Time.</source>
        <translation>「設定」›「一般」›「日付と時刻」を開きます。</translation>
    </message>
    <message>
        <source>Turn on “Set Automatically”.</source>
        <translation>「自動設定」をオンにします。</translation>
    </message>
    <message>
        <source>Check that the time zone is right, then open the site again.</source>
        <translation>タイムゾーンが正しいことを確かめてから、もう一度サイトを開きます。</translation>
    </message>
    <message>
        <source>Open Settings › System › Date &amp; time.</source>
        <translation>「設定」›「システム」›「日付と時刻」を開きます。</translation>
    </message>
    <message>
        <source>Turn on “Set time automatically” and “Set time zone automatically”.</source>
        <translation>「時刻を自動的に設定する」と「タイム ゾーンを自動的に設定する」をオンにします。</translation>
    </message>
    <message>
        <source>Open the site again.</source>
        <translation>もう一度サイトを開きます。</translation>
    </message>
    <message>
        <source>On the other computer, open its date and time settings.</source>
        <translation>もう一台のコンピューターで、日付と時刻の設定を開きます。</translation>
    </message>
    <message>
        <source>Turn on setting the time automatically, and check the time zone.</source>
        <translation>時刻を自動で合わせる設定をオンにし、タイムゾーンを確かめます。</translation>
    </message>
    <message>
        <source>Open Settings › Time &amp; language › Date &amp; time.</source>
        <translation>「設定」›「時刻と言語」›「日付と時刻」を開きます。</translation>
    </message>
    <message>
        <source>Press “Sync now”, then open the site again.</source>
        <translation>「今すぐ同期」を押してから、もう一度サイトを開きます。</translation>
    </message>
    <message>
        <source>Open System Settings › General › Date &amp; Time.</source>
        <translation>「システム設定」›「一般」›「日付と時刻」を開きます。</translation>
    </message>
    <message>
        <source>Turn on “Set time and date automatically”.</source>
        <translation>「日付と時刻を自動的に設定」をオンにします。</translation>
    </message>
    <message>
        <source>Check the time zone, then open the site again.</source>
        <translation>タイムゾーンを確かめてから、もう一度サイトを開きます。</translation>
    </message>
    <message>
        <source>Open your desktop&apos;s settings and choose “Date &amp; Time”.</source>
        <translation>デスクトップの「設定」を開き、「日付と時刻」を選びます。</translation>
    </message>
    <message>
        <source>Turn on “Automatic date &amp; time” (network time) and check the time zone.</source>
        <translation>「日付と時刻の自動設定」(ネットワーク時刻)をオンにし、タイムゾーンを確かめます。</translation>
    </message>
    <message>
        <source>Or, in a terminal, run: timedatectl set-ntp true (then check with: timedatectl status).</source>
        <translation>または端末で timedatectl set-ntp true を実行します(確認は timedatectl status)。</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>You seem to be on a Wi-Fi network that wants you to log in or accept its terms first (in a hotel, station, café or office).</source>
        <translation>ログインや利用規約への同意が先に必要な Wi-Fi（ホテル、駅、カフェ、オフィスなど）につながっているようです。</translation>
    </message>
    <message>
        <source>Step 1: The connection</source>
        <translation>ステップ 1：インターネット接続</translation>
    </message>
    <message>
        <source>Is this computer on the internet, and can it find and reach the site?</source>
        <translation>このコンピューターはインターネットにつながっていて、サイトを見つけて接続できますか？</translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <source>%1 %2 (on this computer)</source>
        <translation>%1 %2（このコンピューター）</translation>
    </message>
    <message>
        <source>%1 (on this computer)</source>
        <translation>%1（このコンピューター）</translation>
    </message>
    <message>
        <source>I don&apos;t know</source>
        <translation>わからない</translation>
    </message>
    <message>
        <source>Looking for browsers on this computer…</source>
        <translation>このコンピューターのブラウザを探しています…</translation>
    </message>
    <message>
        <source>Where do you see the error?</source>
        <translation>エラーはどこで表示されていますか？</translation>
    </message>
    <message>
        <source>Choose the device and the browser that show the error page.</source>
        <translation>エラー画面が表示される機器とブラウザを選んでください。</translation>
    </message>
    <message>
        <source>On &amp;this computer</source>
        <translation>このコンピューター(&amp;T)</translation>
    </message>
    <message>
        <source>On an &amp;iPhone or iPad</source>
        <translation>iPhone または iPad(&amp;I)</translation>
    </message>
    <message>
        <source>On an &amp;Android phone or tablet</source>
        <translation>Android のスマートフォンやタブレット(&amp;A)</translation>
    </message>
    <message>
        <source>On an&amp;other computer</source>
        <translation>別のコンピューター(&amp;O)</translation>
    </message>
    <message>
        <source>Android &amp;version:</source>
        <translation>Android のバージョン(&amp;V)：</translation>
    </message>
    <message>
        <source>iOS &amp;version:</source>
        <translation>iOS のバージョン(&amp;V):</translation>
    </message>
    <message>
        <source>for example 17.2</source>
        <translation>例：17.2</translation>
    </message>
    <message>
        <source>Version of the phone&apos;s system</source>
        <translation>スマートフォンのシステムのバージョン</translation>
    </message>
    <message>
        <source>&amp;Browser:</source>
        <translation>ブラウザ(&amp;B)：</translation>
    </message>
    <message>
        <source>Browser that shows the error</source>
        <translation>エラーが出るブラウザ</translation>
    </message>
</context>
<context>
    <name>DoctorWizard</name>
    <message>
        <source>Close Connection Doctor?</source>
        <translation>接続ドクターを閉じますか?</translation>
    </message>
    <message>
        <source>Do you want to close Connection Doctor? What was found so far is not kept.</source>
        <translation>接続ドクターを閉じますか?ここまでの結果は保存されません。</translation>
    </message>
    <message>
        <source>Connection Doctor</source>
        <translation>接続ドクター</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 戻る(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>次へ(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>InstructionBox</name>
    <message>
        <source>How to clear the cache in %1</source>
        <translation>%1 のキャッシュを削除する方法</translation>
    </message>
    <message>
        <source>How to turn on TLS 1.2 in %1</source>
        <translation>%1 で TLS 1.2 を有効にする方法</translation>
    </message>
    <message>
        <source>How to update %1</source>
        <translation>%1 を更新する方法</translation>
    </message>
    <message>
        <source>%1 has the same menus as %2, so these are the steps for %2.</source>
        <translation>%1 のメニューは %2 と同じです。そのため %2 の手順を表示しています。</translation>
    </message>
    <message>
        <source>The steps are the same as above.</source>
        <translation>手順は上と同じです。</translation>
    </message>
    <message>
        <source>Picture for steps %1</source>
        <translation>手順 %1 の図</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>What the report will contain</source>
        <translation>レポートに含まれる内容</translation>
    </message>
    <message>
        <source>In your own &amp;words: what were you trying to do? (optional)</source>
        <translation>何をしようとしていましたか？ご自分の言葉でどうぞ（任意）(&amp;W)</translation>
    </message>
    <message>
        <source>Your own words for the help desk</source>
        <translation>ヘルプデスクへのひとこと</translation>
    </message>
    <message>
        <source>&amp;Include personal details (user name, computer name, local addresses)</source>
        <translation>個人の情報を含める（ユーザー名、コンピューター名、ローカルアドレス）(&amp;I)</translation>
    </message>
    <message>
        <source>Include personal details in the report</source>
        <translation>レポートに個人の情報を含める</translation>
    </message>
    <message>
        <source>&amp;Preview of the report:</source>
        <translation>レポートのプレビュー(&amp;P)：</translation>
    </message>
    <message>
        <source>Preview of the report</source>
        <translation>レポートのプレビュー</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>RecheckPage</name>
    <message>
        <source>Checking again…</source>
        <translation>もう一度確認しています…</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>確認を実行できませんでした：%1</translation>
    </message>
</context>
<context>
    <name>SeenPanel</name>
    <message>
        <source>I don&apos;t remember / skip this question</source>
        <translation>覚えていない／この質問をとばす</translation>
    </message>
    <message>
        <source>We recognise this message: %1</source>
        <translation>このメッセージの意味：%1</translation>
    </message>
    <message>
        <source>We do not recognise this text. That is fine: the checks will still run.</source>
        <translation>この文章には心当たりがありませんが、問題ありません。確認はそのまま行います。</translation>
    </message>
    <message>
        <source>What did the error page say?</source>
        <translation>エラー画面には何と表示されていましたか？</translation>
    </message>
    <message>
        <source>This question is optional. If you remember the message or the code (such as NET::ERR_CERT_DATE_INVALID), it helps to find the cause faster.</source>
        <translation>この質問は任意です。表示されたメッセージやコード（NET::ERR_CERT_DATE_INVALID など）を覚えていれば、原因が早く見つかります。</translation>
    </message>
    <message>
        <source>The &amp;error message you saw:</source>
        <translation>表示されたエラーメッセージ(&amp;E):</translation>
    </message>
    <message>
        <source>Or paste the te&amp;xt of the error page:</source>
        <translation>またはエラー画面の文章を貼り付け(&amp;X):</translation>
    </message>
    <message>
        <source>Message or code shown on the error page</source>
        <translation>エラー画面に表示されたメッセージまたはコード</translation>
    </message>
    <message>
        <source>Paste here (optional)</source>
        <translation>ここに貼り付け（任意）</translation>
    </message>
    <message>
        <source>Text copied from the error page</source>
        <translation>エラー画面からコピーした文章</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>This is a problem of the website, not of your computer. Only the website&apos;s owner can fix it.</source>
        <translation>これはお使いのコンピューターではなく、Webサイト側の問題です。直せるのはサイトの管理者だけです。</translation>
    </message>
    <message>
        <source>What to tell the website&apos;s owner:</source>
        <translation>サイトの管理者に伝えること：</translation>
    </message>
    <message>
        <source>&amp;Copy this message</source>
        <translation>この文章をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the message for the website&apos;s owner</source>
        <translation>サイトの管理者に伝える文章をコピーする</translation>
    </message>
    <message>
        <source>When I open %1, the browser refuses the secure connection.</source>
        <translation>%1 を開くと、ブラウザが安全な接続を確立できないと表示します。</translation>
    </message>
    <message>
        <source>Connection Doctor found:</source>
        <translation>接続ドクターが見つけたこと：</translation>
    </message>
    <message>
        <source>Step 5: The website</source>
        <translation>ステップ 5：Webサイト</translation>
    </message>
    <message>
        <source>Is the site&apos;s certificate valid, and does the site use a modern secure connection?</source>
        <translation>サイトの証明書は有効ですか？ サイトは今の安全な接続方式を使っていますか？</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>No problem was found from this computer.</source>
        <translation>このコンピューターからは問題は見つかりませんでした。</translation>
    </message>
    <message>
        <source>The site can be reached securely from here. If your browser still shows the error: clear its cache, restart it, or try another browser. If nothing helps, save a report below and send it to your help desk.</source>
        <translation>このコンピューターからはサイトに安全に接続できます。それでもブラウザにエラーが出る場合は、キャッシュを削除する、ブラウザを再起動する、別のブラウザで試す、のどれかをお試しください。それでも直らなければ、下でレポートを保存してヘルプデスクに送ってください。</translation>
    </message>
    <message>
        <source>The most likely cause:</source>
        <translation>もっとも可能性の高い原因：</translation>
    </message>
    <message>
        <source>Also found:</source>
        <translation>ほかに見つかったこと：</translation>
    </message>
    <message>
        <source>What you already tried</source>
        <translation>すでに試したこと</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>まだありません。</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF レポート (*.pdf)</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>JSON レポート (*.json)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>レポートの保存</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>ファイルを置き換えますか？</translation>
    </message>
    <message>
        <source>%1 already exists. Do you want to replace it?</source>
        <translation>%1 はすでにあります。置き換えますか？</translation>
    </message>
    <message>
        <source>Not saved: the existing file was kept.</source>
        <translation>保存しませんでした。元のファイルはそのままです。</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>レポートを保存できませんでした：%1</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>保存しました：%1</translation>
    </message>
    <message>
        <source>A short summary was copied. You can paste it into an e-mail.</source>
        <translation>短いまとめをコピーしました。メールなどに貼り付けられます。</translation>
    </message>
    <message>
        <source>What we found</source>
        <translation>調べた結果</translation>
    </message>
    <message>
        <source>Here is the result. You can save it as a report for your help desk.</source>
        <translation>結果は次のとおりです。ヘルプデスク向けのレポートとして保存することもできます。</translation>
    </message>
    <message>
        <source>Save report as &amp;PDF…</source>
        <translation>レポートを PDF で保存(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation>レポートを PDF ファイルとして保存する</translation>
    </message>
    <message>
        <source>Save as &amp;JSON…</source>
        <translation>JSON で保存(&amp;J)…</translation>
    </message>
    <message>
        <source>Save the report as a JSON file</source>
        <translation>レポートを JSON ファイルとして保存する</translation>
    </message>
    <message>
        <source>Copy a short &amp;summary</source>
        <translation>短い要約をコピー(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open the report</source>
        <translation>レポートを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Open the saved report</source>
        <translation>保存したレポートを開く</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>フォルダーで表示(&amp;F)</translation>
    </message>
    <message>
        <source>Show the saved report in its folder</source>
        <translation>保存したレポートをフォルダーで表示する</translation>
    </message>
    <message>
        <source>Copy a short summary to the clipboard</source>
        <translation>短いまとめをクリップボードにコピーする</translation>
    </message>
</context>
<context>
    <name>SystemLinks</name>
    <message>
        <source>Open &amp;date and time settings</source>
        <translation>日付と時刻の設定を開く(&amp;D)</translation>
    </message>
    <message>
        <source>Open date and time settings</source>
        <translation>日付と時刻の設定を開く</translation>
    </message>
    <message>
        <source>Open the &amp;Wi-Fi login page</source>
        <translation>Wi-Fi のログインページを開く(&amp;W)</translation>
    </message>
    <message>
        <source>Open the Wi-Fi login page</source>
        <translation>Wi-Fi のログインページを開く</translation>
    </message>
</context>
<context>
    <name>SystemPage</name>
    <message>
        <source>Your phone&apos;s system:</source>
        <translation>お使いのスマートフォンのシステム：</translation>
    </message>
    <message>
        <source>The results below are about this computer. Old systems (such as Windows 7 or older, Android 4.4 or older, iOS 4 or older) cannot use today&apos;s secure connections.</source>
        <translation>下の結果はこのコンピューターについてのものです。古いシステム（Windows 7 以前、Android 4.4 以前、iOS 4 以前など）は、今の安全な接続を使えません。</translation>
    </message>
    <message>
        <source>Step 3: The system and the browser</source>
        <translation>ステップ 3：OS とブラウザ</translation>
    </message>
    <message>
        <source>Can the system and the browser use today&apos;s secure connections (TLS 1.2 or newer)?</source>
        <translation>OS とブラウザは、今の安全な接続（TLS 1.2 以上）を使えますか？</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>We will check %1</source>
        <translation>%1 を確認します</translation>
    </message>
    <message>
        <source>Let&apos;s find out why the site does not open</source>
        <translation>サイトが開けない原因を一緒に調べましょう</translation>
    </message>
    <message>
        <source>Your browser said it could not make a secure connection. Answer a few questions and Connection Doctor will look for the reason and show you how to fix it, step by step.</source>
        <translation>ブラウザに「安全な接続を確立できませんでした」と表示されましたね。いくつかの質問に答えていただくと、接続ドクターが原因を調べ、直し方を一つずつご案内します。</translation>
    </message>
    <message>
        <source>&amp;Language / 言語:</source>
        <translation>言語 / Language(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Which address shows the error?</source>
        <translation>エラーが出るのはどのアドレスですか？(&amp;W)</translation>
    </message>
    <message>
        <source>for example www.example.com</source>
        <translation>例：www.example.com</translation>
    </message>
    <message>
        <source>Address of the site that shows the error</source>
        <translation>エラーが出るサイトのアドレス</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Paste the address from the clipboard</source>
        <translation>クリップボードからアドレスを貼り付ける</translation>
    </message>
    <message>
        <source>Tip: copy the address from the browser&apos;s address bar and paste it here. You can leave out https://.</source>
        <translation>ヒント：ブラウザのアドレスバーからアドレスをコピーして、ここに貼り付けてください。https:// は省略できます。</translation>
    </message>
</context>
</TS>
