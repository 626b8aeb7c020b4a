//! The `java.util.logging` configuration shipped to job pods when no `--conf-dir` provides one:
//! Twister2 0.8.0's `conf/common/logger.properties` settings.

/// Path of the logging configuration inside the package (`LOGGER_PROPERTIES_FILE`).
pub const LOGGER_PROPERTIES_PATH: &str = "common/logger.properties";

/// A `java.util.logging` configuration for job pods with Twister2 0.8.0's settings: Twister2's
/// file handler, which writes `worker-<id>.log.0` / `jobMaster.log.0` under the volatile (or
/// persistent) volume, plus console output (what `kubectl logs` shows).
pub const DEFAULT_LOGGER_PROPERTIES: &str = "\
# java.util.logging settings for the pods of a Twister2 job.
# Twister2 0.8.0's conf/common/logger.properties settings, written by kubectl-twister2 because
# no --conf-dir provided one; pass --conf-dir to ship your own.

# Messages go to per-worker files on the job's volatile volume (Twister2FileLogHandler) and to
# the container's stdout/stderr (read them with `kubectl twister2 logs`).
handlers=edu.iu.dsc.tws.common.logging.Twister2FileLogHandler, java.util.logging.ConsoleHandler

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

# The job-file reader logs at INFO with the same format.
edu.iu.dsc.tws.rsched.utils.JobUtils.level=INFO
edu.iu.dsc.tws.rsched.utils.JobUtils.formatter=edu.iu.dsc.tws.common.logging.Twister2LogFormatter
";
