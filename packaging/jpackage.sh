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

# The version is the jar's own (Implementation-Version, from the pom). jpackage wants numbers
# only: 0.1.0-SNAPSHOT becomes 0.1.0.
(cd "$input" && "${jdk}jar" -xf "$target/timetravel.jar" META-INF/MANIFEST.MF)
version=$(sed -n 's/^Implementation-Version: *//p' "$input/META-INF/MANIFEST.MF" | tr -d '\r')
version=${version%%-*}
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
# The server launcher's properties file repeats this option, as its java-options replace these.
data_home='-Dtimetravel.home=~/.local/share/timetravel'

# What both the image and the package say about the application.
about=(--name Timetravel --app-version "$version" --vendor Timetravel
       --description "Audit and compliance workbench with an embedded, versioned record store"
       --icon "$packaging/linux/timetravel.png")

echo "jpackage: app image $out/Timetravel (version $version)"
"${jdk}jpackage" --type app-image --dest "$out" "${about[@]}" \
    --input "$input" --main-jar timetravel.jar --main-class io.timetravel.app.Launcher \
    --module-path "$module_path" --add-modules "$modules" \
    --java-options "$data_home" \
    --add-launcher timetravel-server="$packaging/timetravel-server.properties"

if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
    echo "jpackage: no dpkg-deb or fakeroot here: .deb skipped (apt-get install -y fakeroot)" >&2
    exit 0
fi

# The .deb is made from the image above, so the runtime is linked once. jpackage 17 gives every
# launcher a desktop entry; linux/ holds the server's, hidden from the menus (NoDisplay).
echo "jpackage: .deb in $out"
"${jdk}jpackage" --type deb --dest "$out" "${about[@]}" \
    --app-image "$out/Timetravel" --resource-dir "$packaging/linux" \
    --linux-package-name timetravel --linux-shortcut --linux-menu-group "Office" \
    --linux-package-deps "libgtk-3-0, libxtst6"
ls -l "$out"/*.deb
