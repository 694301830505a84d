#!/usr/bin/env bash
# Checks that this machine can build Timetravel and open its desktop workbench (JavaFX 21 on
# GTK 3): Java 17+, Maven, the system libraries JavaFX's glass and prism load, and a display.
# Prints one line per problem with what is missing and how to install it; exits 1 when the
# desktop cannot start, 0 (with one "ok" line) when it can.
#
#   bash packaging/desktop-check.sh && mvn -q -DskipTests package && java -jar target/timetravel.jar
#
# The libraries are looked up with `ldconfig -p`; TIMETRAVEL_LIB_DIRS (folders separated by ':')
# makes it look in those folders instead.
set -u

problems=0
problem() {
    echo "desktop-check: $*" >&2
    problems=$((problems + 1))
}

# What JavaFX's native parts link against (ldd of libglassgtk3.so, libglass.so and the font
# libraries of javafx-graphics 21, linux), one soname per Debian package that ships it.
# libgtk-3-0 brings GDK, Pango, Cairo, GLib, ATK and X11 with it; libXtst comes on its own.
LIBRARIES="libgtk-3.so.0:libgtk-3-0 libgdk-3.so.0:libgtk-3-0 libXtst.so.6:libxtst6 libX11.so.6:libx11-6
libpangoft2-1.0.so.0:libpangoft2-1.0-0 libfontconfig.so.1:libfontconfig1 libfreetype.so.6:libfreetype6"

have_library() {
    local soname=$1
    if [ -n "${TIMETRAVEL_LIB_DIRS:-}" ]; then
        local dir
        local IFS=:
        for dir in $TIMETRAVEL_LIB_DIRS; do
            [ -e "$dir/$soname" ] && return 0
        done
        return 1
    fi
    local ldconfig
    ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
    "$ldconfig" -p 2>/dev/null | grep -q "^[[:space:]]*$soname "
}

if ! command -v java >/dev/null 2>&1; then
    problem "no java on the PATH: sudo apt-get install openjdk-17-jdk"
else
    feature=$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
    if [ -n "$feature" ] && [ "$feature" -lt 17 ]; then
        problem "java $feature is too old, Java 17 or newer is needed: sudo apt-get install openjdk-17-jdk"
    fi
fi
if ! command -v mvn >/dev/null 2>&1; then
    problem "no mvn (Maven 3.8 or newer) on the PATH: sudo apt-get install maven"
fi

missing=""
for entry in $LIBRARIES; do
    soname=${entry%%:*}
    package=${entry#*:}
    if ! have_library "$soname"; then
        case " $missing " in
            *" $package "*) ;;
            *) missing="${missing:+$missing }$package" ;;
        esac
        problem "missing $soname (the desktop's JavaFX needs it): sudo apt-get install $package"
    fi
done
if [ -n "$missing" ] && [ "$(echo "$missing" | wc -w)" -gt 1 ]; then
    problem "all at once: sudo apt-get install $missing"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    problem "no display (DISPLAY and WAYLAND_DISPLAY are unset): run the server without a window, java -jar target/timetravel.jar --headless"
fi

if [ "$problems" -gt 0 ]; then
    if [ -z "$missing" ]; then
        exit 1
    fi
    echo "desktop-check: without these libraries, java -jar target/timetravel.jar --headless runs the server without a window" >&2
    exit 1
fi
echo "desktop-check: ok (Java, Maven, GTK 3 libraries and a display found)"
