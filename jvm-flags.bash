# The JVM flags ./caplens and benchmarks/run start Java with; sourced by both, not run.
#
# java_flags_for OPTS sets the array java_flags: the flags Spark needs on Java 17, and the
# parallel collector unless OPTS (the user's CAPLENS_JAVA_OPTS or CAPLENS_BENCH_JAVA_OPTS) names
# a collector of its own (the JVM refuses two). A batch job wants throughput, not short pauses:
# on 2 cores G1 cost B1's transform 6 to 14 % more CPU (docs/benchmarks.md, tenth pass).
java_flags_for() {
  java_flags=(
    -XX:+IgnoreUnrecognizedVMOptions
    --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
    --add-opens=java.base/sun.security.action=ALL-UNNAMED
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
    -Djdk.reflect.useDirectMethodHandle=false
    -Dio.netty.tryReflectionSetAccessible=true
  )
  [[ "$1" == *-XX:+Use*GC* ]] || java_flags+=(-XX:+UseParallelGC)
}
