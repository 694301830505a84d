#!/usr/bin/env bash
# Builds the Linux installers with the JDK's jpackage from what `mvn package` left in target/:
#   target/jpackage/Timetravel/            app image: bin/Timetravel (window), bin/timetravel-server
#   target/jpackage/timetravel_*.deb       Debian package of that image (skipped without dpkg-deb/fakeroot)
#
# Usage: packaging/jpackage.sh   from any folder, after `mvn -DskipTests package`
#        (`mvn -Ppackage package` runs it once the jar and target/lib are built).
set -euo pipefail

packaging=$(cd "$(dirname "$0")" && pwd)
target=$(dirname "$packaging")/target
out=$target/jpackage
input=$target/jpackage-input

# The JDK's tools: JAVA_HOME's when set (the pom sets it to Maven's JDK), else those on PATH.
jdk=${JAVA_HOME:+$JAVA_HOME/bin/}

if [ ! -f "$target/timetravel.jar" ] || [ ! -d "$target/lib" ]; then
    echo "jpackage.sh: no target/timetravel.jar or target/lib; run mvn -DskipTests package first" >&2
    exit 1
fi

# jpackage refuses an output folder that exists.
rm -rf "$out" "$input"
mkdir -p "$input/lib"

# The version is the jar's own (Implementation-Version, from the pom), which the server also
# reports (--version, /api/v2/health). jpackage wants numbers only: a development version such as
# 0.2.0-SNAPSHOT is packaged as 0.2.0, with a warning, as the two then disagree.
(cd "$input" && "${jdk}jar" -xf "$target/timetravel.jar" META-INF/MANIFEST.MF)
version=$(sed -n 's/^Implementation-Version: *//p' "$input/META-INF/MANIFEST.MF" | tr -d '\r')
if [ "${version%%-*}" != "$version" ]; then
    echo "jpackage.sh: warning: $version is packaged as ${version%%-*}; release versions have no suffix" >&2
    version=${version%%-*}
fi
rm -r "$input/META-INF"

# JavaFX is linked into the runtime from its -linux jars (classes and native libraries); the
# unclassified javafx-*.jar are empty placeholders and are left out. Every other jar stays on the
# class path, under lib/ where the main jar's manifest looks for it.
cp "$target/timetravel.jar" "$input/"
javafx=()
for jar in "$target"/lib/*.jar; do
    case $(basename "$jar") in
        javafx-*-linux.jar) javafx+=("$jar") ;;
        javafx-*.jar) ;;
        *) cp "$jar" "$input/lib/" ;;
    esac
done
module_path=$(IFS=:; echo "${javafx[*]}")
modules=javafx.controls,javafx.fxml,java.sql,java.logging,java.desktop,java.net.http,java.xml,java.naming,java.management,jdk.management,jdk.httpserver,jdk.unsupported,jdk.crypto.ec

# An installed app has no writable working directory: database and logs go to a per-user folder.
# The desktop's heap is limited (the JVM's default is a quarter of the machine's memory). The
# server launcher's properties file sets its own, smaller limits: its java-options replace these.
desktop_options='-Dtimetravel.home=~/.local/share/timetravel -Xmx512m'

# Who answers for the package: jpackage writes the control file's Maintainer as
# "<vendor> <this address>".
maintainer=maintainers@timetravel.invalid

# What both the image and the package say about the application.
about=(--name Timetravel --app-version "$version" --vendor Timetravel
       --copyright "Copyright 2026 the Timetravel authors"
       --description "Audit and compliance workbench with an embedded, versioned record store"
       --icon "$packaging/linux/timetravel.png")

echo "jpackage: app image $out/Timetravel (version $version)"
"${jdk}jpackage" --type app-image --dest "$out" "${about[@]}" \
    --input "$input" --main-jar timetravel.jar --main-class io.timetravel.app.Launcher \
    --module-path "$module_path" --add-modules "$modules" \
    --java-options "$desktop_options" \
    --add-launcher timetravel-server="$packaging/timetravel-server.properties"

if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
    echo "jpackage: no dpkg-deb or fakeroot here: .deb skipped (apt-get install -y fakeroot)" >&2
    exit 0
fi

# The .deb is made from the image above, so the runtime is linked once. jpackage 17 gives every
# launcher a desktop entry; linux/ holds the server's, hidden from the menus (NoDisplay), and the
# package scripts (postinst, prerm, postrm) that also set up the timetravel-server service.
# jpackage finds most dependencies itself (from the native libraries' links); libgtk-3-0 is
# loaded at run time, so named here, with libxtst6 for a build machine that lacks it, and adduser
# for postinst.
echo "jpackage: .deb in $out"
"${jdk}jpackage" --type deb --dest "$out" "${about[@]}" \
    --app-image "$out/Timetravel" --resource-dir "$packaging/linux" \
    --license-file "$(dirname "$packaging")/LICENSE" \
    --linux-package-name timetravel --linux-deb-maintainer "$maintainer" \
    --linux-shortcut --linux-menu-group "Office" \
    --linux-package-deps "libgtk-3-0, libxtst6, adduser"

# jpackage 17 packs only the app image (under /opt/timetravel). The service's files go beside it:
# the package is unpacked, given the unit, the settings file (a conffile: upgrades keep the
# operator's edits) and Debian's copyright file (jpackage writes its own, with the licence's full
# text, in /opt/timetravel/share/doc), and packed again, root-owned, with one line per dependency.
deb=$(ls "$out"/timetravel_*.deb)
tree=$out/deb-tree
rm -rf "$tree"
dpkg-deb -R "$deb" "$tree"
install -D -m 0644 "$packaging/linux/timetravel-server.service" "$tree/lib/systemd/system/timetravel-server.service"
install -D -m 0640 "$packaging/linux/timetravel.conf" "$tree/etc/timetravel/timetravel.conf"
install -D -m 0644 "$packaging/linux/debian-copyright" "$tree/usr/share/doc/timetravel/copyright"
echo /etc/timetravel/timetravel.conf > "$tree/DEBIAN/conffiles"
control=$tree/DEBIAN/control
# jpackage writes its own findings and then --linux-package-deps: libxtst6 would appear twice.
depends=$(sed -n 's/^Depends: *//p' "$control" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | awk 'NF && !seen[$0]++' \
    | paste -sd, - | sed 's/,/, /g')
size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
sed -i "s/^Depends: .*/Depends: $depends/; s/^Installed-Size: .*/Installed-Size: $size/" "$control"
rm "$deb"
fakeroot dpkg-deb --root-owner-group -Zxz -b "$tree" "$deb" >/dev/null
rm -rf "$tree"
ls -l "$deb"
