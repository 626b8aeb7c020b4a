//! The `java.util.logging` configuration shipped to job pods when no `--conf-dir` provides one.

/// Path of the logging configuration inside the package (`LOGGER_PROPERTIES_FILE`).
pub const LOGGER_PROPERTIES_PATH: &str = "common/logger.properties";

/// A `java.util.logging` configuration for job pods: console output (what `kubectl logs`
/// shows) plus Twister2's file handler, which writes `worker-<id>.log.0` / `jobMaster.log.0`
/// under the volatile (or persistent) volume.
pub const DEFAULT_LOGGER_PROPERTIES: &str = "\
# java.util.logging settings for the pods of a Twister2 job.
# Written by kubectl-twister2 because no --conf-dir was given; pass --conf-dir to ship your own.

# Messages go to the container's stdout/stderr (read them with `kubectl twister2 logs`) and to
# per-worker files on the job's volatile volume (Twister2FileLogHandler).
handlers=java.util.logging.ConsoleHandler, edu.iu.dsc.tws.common.logging.Twister2FileLogHandler

# Level of everything not listed below.
.level=INFO
edu.iu.dsc.tws.level=INFO
# ZooKeeper and Curator are chatty at INFO.
org.apache.zookeeper.level=WARNING
org.apache.curator.level=WARNING

# Console: one line per message with time, level, thread and logger.
java.util.logging.ConsoleHandler.level=INFO
java.util.logging.ConsoleHandler.formatter=edu.iu.dsc.tws.common.logging.Twister2LogFormatter
edu.iu.dsc.tws.common.logging.Twister2LogFormatter.format=[%1$tF %1$tT %1$tz] [%4$s] [%7$s] [%8$s] %3$s: %5$s %6$s %n

# Files: at most 50000 bytes, a single file per worker; System.out/err stay on the console.
edu.iu.dsc.tws.common.logging.Twister2FileLogHandler.level=ALL
edu.iu.dsc.tws.common.logging.Twister2FileLogHandler.limit=50000
edu.iu.dsc.tws.common.logging.Twister2FileLogHandler.count=1
edu.iu.dsc.tws.common.logging.Twister2FileLogHandler.formatter=edu.iu.dsc.tws.common.logging.Twister2LogFormatter
edu.iu.dsc.tws.common.logging.Twister2FileLogHandler.sysouterr=false
";
