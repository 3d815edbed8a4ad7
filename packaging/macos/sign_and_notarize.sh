#!/usr/bin/env bash
# Signs the .app with the hardened runtime, or notarises and staples a .dmg. Run by build.sh only
# when CONNDOCTOR_CODESIGN_IDENTITY is set (in CI: when the signing secrets exist).
#   sign_and_notarize.sh sign dist/ConnDoctor.app
#   sign_and_notarize.sh notarize dist/ConnDoctor-<version>-macos-<arch>.dmg
# Notarising needs APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD (an app-specific password);
# without them the .dmg is signed but not notarised, and this says so.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ACTION=$1 TARGET=$2
IDENTITY=${CONNDOCTOR_CODESIGN_IDENTITY:?set CONNDOCTOR_CODESIGN_IDENTITY to a Developer ID Application identity}
case "$ACTION" in
  sign)
    # Inside out: every library and program of the bundle, then the bundle itself.
    find "$TARGET/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print0 |
      xargs -0 codesign --force --timestamp --options runtime \
        --entitlements "$HERE/entitlements.plist" --sign "$IDENTITY"
    codesign --force --timestamp --options runtime --entitlements "$HERE/entitlements.plist" \
      --sign "$IDENTITY" "$TARGET"
    codesign --verify --deep --strict --verbose=2 "$TARGET"
    ;;
  notarize)
    codesign --force --timestamp --sign "$IDENTITY" "$TARGET"
    if [ -z "${APPLE_ID:-}" ] || [ -z "${APPLE_TEAM_ID:-}" ] || [ -z "${APPLE_APP_PASSWORD:-}" ]; then
      echo "sign_and_notarize.sh: no APPLE_ID/APPLE_TEAM_ID/APPLE_APP_PASSWORD: $TARGET is signed, not notarised"
      exit 0
    fi
    xcrun notarytool submit "$TARGET" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$TARGET"
    spctl --assess --type open --context context:primary-signature --verbose "$TARGET"
    ;;
  *) echo "usage: $0 sign APP | notarize DMG" >&2; exit 2 ;;
esac
