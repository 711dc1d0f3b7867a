# Sourced by ./mvnw and the project's scripts: makes JAVA_HOME point at a JDK >= 21.
# Keeps a JAVA_HOME (or the java on PATH) that is new enough; otherwise looks in the usual
# install places (Debian's /usr/lib/jvm, SDKMAN, macOS) and picks the newest JDK >= 21.
# Fails with a message saying what it found and what to install when there is none.

termwise_java_major() { # $1 = path to a java binary; prints its feature version, e.g. 25
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | sed 's/^1\.//'
}

termwise_find_jdk() {
  local required=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(termwise_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$required" ]; then return 0; fi
  elif command -v javac >/dev/null 2>&1; then
    candidate=$(cd "$(dirname "$(readlink -f "$(command -v javac)")")/.." && pwd)
    major=$(termwise_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge "$required" ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  local had_noglob=0
  case $- in *f*) had_noglob=1; set +f ;; esac   # ./mvnw runs with set -f
  for candidate in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(termwise_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge "$required" ] && [ "${major:-0}" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  [ "$had_noglob" = 0 ] || set -f
  if [ -z "$best" ]; then
    echo "Termwise needs a JDK $required or newer and found none (JAVA_HOME='${JAVA_HOME-}', java on PATH: $(command -v java || echo none))." >&2
    echo "Install one (e.g. 'apt-get install temurin-21-jdk' or https://adoptium.net) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

termwise_find_jdk || exit 1
