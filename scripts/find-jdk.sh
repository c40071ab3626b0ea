# Sourced by ./keel and .ci/run: sets KEEL_JAVA to a java binary of a JDK >= 21, or explains what it found.
# Order: JAVA_HOME, then `java` on PATH, then JDKs installed beside it under /usr/lib/jvm (Debian's and
# Temurin's packages install there, and the default `java` is often older than the one Keel needs).

keel_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//; s/\..*//'
}

keel_find_jdk() {
  local candidates=() seen="" candidate major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java; do
    [ -x "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate" ] || { seen="$seen\n  $candidate (not executable)"; continue; }
    [ -x "$(dirname "$candidate")/javac" ] || { seen="$seen\n  $candidate (a JRE without javac)"; continue; }
    major=$(keel_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      KEEL_JAVA="$candidate"
      KEEL_JAVA_MAJOR="$major"
      KEEL_JAVA_HOME="$(cd "$(dirname "$candidate")/.." && pwd)"
      if [ -n "${JAVA_HOME:-}" ] && [ "$candidate" != "$JAVA_HOME/bin/java" ]; then
        printf 'keel: JAVA_HOME (%s) is not a JDK 21+; using %s\n' "$JAVA_HOME" "$KEEL_JAVA_HOME" >&2
      fi
      return 0
    fi
    seen="$seen\n  $candidate (Java ${major:-unknown})"
  done
  printf 'keel: needs a JDK 21 or newer, and found none.\n' >&2
  if [ -n "$seen" ]; then printf 'Looked at JAVA_HOME, PATH and /usr/lib/jvm and found:%b\n' "$seen" >&2
  else printf 'Looked at JAVA_HOME, PATH and /usr/lib/jvm and found no java at all.\n' >&2; fi
  printf 'Install one (e.g. Temurin 21+ or `apt-get install openjdk-21-jdk`) and set JAVA_HOME to it.\n' >&2
  return 1
}
