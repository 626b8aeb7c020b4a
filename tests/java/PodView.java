// PodView: reads an unpacked job package the way Twister2 0.8's pods build their Config, with the
// real libraries (SnakeYAML, protobuf-java, Kryo), and prints what the pods would see.
// A test fixture of kubectl-twister2 (tests/integration/java_interop.rs compiles and runs it).
//
// Usage: java PodView <package dir> <jobID>
//   <package dir> contains twister2-job/.
//
// What it does (reference twister2-pod-side.md §2.1, §3.2):
//   1. twister2-job/common/{task,resource,network,core,data,checkpoint}.yaml, then the same six of
//      twister2-job/kubernetes/, each loaded with `new Yaml().load(..)` into one map, later keys
//      overriding earlier ones; missing files are skipped. No ${...} token substitution.
//   2. twister2-job/<jobID>.job parsed as the tws.proto.job.Job protobuf (a missing file reads
//      as zero bytes, i.e. an empty Job, as the pods' FileUtils does).
//   3. Every config.config_byte_map entry, in the map's iteration order, decoded with a fresh
//      Kryo (references off, registration not required) and put over the yaml map; the first
//      entry that fails stops the loop (JobUtils.overrideConfigs), later entries are not read.
//
// Output: UTF-8, one record per line, fields separated by TAB. In every field a backslash, TAB,
// newline and carriage return are written as \\, \t, \n and \r.
//   job    <field>  <value>     job_id, job_name, worker_class_name, driver_class_name,
//                               number_of_workers, job_file_bytes, job_format (set|unset),
//                               job_format.type (enum name), job_format.job_file,
//                               compute_resource.count, compute_resource.<i>.{cpu,
//                               ram_mega_bytes, disk_giga_bytes, instances, workers_per_pod,
//                               scalable, index} (scalable/index "unset" when the oneof is not
//                               set), config_byte_map.count
//   config <key> <class> <value> <types> <source>
//                               one per key of the final map, sorted by key (String order).
//                               class: getClass().getName(), or "null".
//                               value: String as is; null as "null"; List and arrays as
//                               [a, b]; Map as {k=v, k2=v2} with entries sorted by rendered key;
//                               anything else toString(); elements rendered the same way.
//                               types: the class name, and for List/Map/arrays the element types
//                               in the same order: java.util.ArrayList(java.lang.String,null),
//                               java.util.HashMap(java.lang.String=java.lang.Integer).
//                               source: yaml:<dir>/<file>.yaml, or kryo:<bytes read>/<bytes>.
//   error  <key> <exception class>: <message>
//                               the config_byte_map entry whose decoding failed (at most one).
// Exit status: 0 (also when an entry failed to decode), 2 usage, 1 anything else.

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.google.protobuf.ByteString;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;
import tws.proto.job.JobOuterClass.ComputeResource;
import tws.proto.job.JobOuterClass.Job;

public final class PodView {
  private static final String[] DIRS = {"common", "kubernetes"};
  private static final String[] FILES = {"task", "resource", "network", "core", "data", "checkpoint"};

  private PodView() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: java PodView <package dir> <jobID>");
      System.exit(2);
    }
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    Path jobDir = Paths.get(args[0], "twister2-job");
    String jobId = args[1];

    Map<String, Object> config = new HashMap<>();
    Map<String, String> source = new HashMap<>();
    for (String dir : DIRS) {
      for (String file : FILES) {
        Path path = jobDir.resolve(dir).resolve(file + ".yaml");
        if (!Files.isRegularFile(path)) {
          continue;
        }
        Object loaded;
        try (InputStream in = Files.newInputStream(path)) {
          loaded = new Yaml().load(in);
        }
        if (loaded == null) {
          continue;
        }
        if (!(loaded instanceof Map)) {
          throw new IllegalStateException(path + " is not a YAML map");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) loaded).entrySet()) {
          String key = String.valueOf(e.getKey());
          config.put(key, e.getValue());
          source.put(key, "yaml:" + dir + "/" + file + ".yaml");
        }
      }
    }

    Path jobFile = jobDir.resolve(jobId + ".job");
    byte[] jobBytes = Files.isRegularFile(jobFile) ? Files.readAllBytes(jobFile) : new byte[0];
    Job job = Job.parseFrom(jobBytes);

    String failedKey = null;
    String failure = null;
    Map<String, ByteString> byteMap = job.getConfig().getConfigByteMapMap();
    for (Map.Entry<String, ByteString> e : byteMap.entrySet()) {
      byte[] bytes = e.getValue().toByteArray();
      try {
        Kryo kryo = new Kryo();
        kryo.setReferences(false);
        kryo.setRegistrationRequired(false);
        Input input = new Input(bytes);
        Object value = kryo.readClassAndObject(input);
        config.put(e.getKey(), value);
        source.put(e.getKey(), "kryo:" + input.position() + "/" + bytes.length);
      } catch (Throwable t) {
        failedKey = e.getKey();
        failure = t.getClass().getName() + ": " + t.getMessage();
        break;
      }
    }

    line(out, "job", "job_id", job.getJobId());
    line(out, "job", "job_name", job.getJobName());
    line(out, "job", "worker_class_name", job.getWorkerClassName());
    line(out, "job", "driver_class_name", job.getDriverClassName());
    line(out, "job", "number_of_workers", String.valueOf(job.getNumberOfWorkers()));
    line(out, "job", "job_file_bytes", String.valueOf(jobBytes.length));
    line(out, "job", "job_format", job.hasJobFormat() ? "set" : "unset");
    line(out, "job", "job_format.type", job.getJobFormat().getType().name());
    line(out, "job", "job_format.job_file", job.getJobFormat().getJobFile());
    line(out, "job", "compute_resource.count", String.valueOf(job.getComputeResourceCount()));
    for (int i = 0; i < job.getComputeResourceCount(); i++) {
      ComputeResource r = job.getComputeResource(i);
      String p = "compute_resource." + i + ".";
      line(out, "job", p + "cpu", String.valueOf(r.getCpu()));
      line(out, "job", p + "ram_mega_bytes", String.valueOf(r.getRamMegaBytes()));
      line(out, "job", p + "disk_giga_bytes", String.valueOf(r.getDiskGigaBytes()));
      line(out, "job", p + "instances", String.valueOf(r.getInstances()));
      line(out, "job", p + "workers_per_pod", String.valueOf(r.getWorkersPerPod()));
      line(out, "job", p + "scalable", r.hasScalable() ? String.valueOf(r.getScalable()) : "unset");
      line(out, "job", p + "index", r.hasIndex() ? String.valueOf(r.getIndex()) : "unset");
    }
    line(out, "job", "config_byte_map.count", String.valueOf(byteMap.size()));

    for (Map.Entry<String, Object> e : new TreeMap<>(config).entrySet()) {
      Object v = e.getValue();
      line(
          out,
          "config",
          e.getKey(),
          v == null ? "null" : v.getClass().getName(),
          render(v),
          types(v),
          source.get(e.getKey()));
    }
    if (failedKey != null) {
      line(out, "error", failedKey, failure);
    }
    out.flush();
  }

  /** The canonical rendering described at the top of this file. */
  static String render(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Object[]) {
      List<String> items = new ArrayList<>();
      for (Object item : (Object[]) v) {
        items.add(render(item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof List) {
      List<String> items = new ArrayList<>();
      for (Object item : (List<?>) v) {
        items.add(render(item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map) {
      List<String> items = new ArrayList<>();
      for (Object[] entry : sortedEntries((Map<?, ?>) v)) {
        items.add(render(entry[0]) + "=" + render(entry[1]));
      }
      return "{" + String.join(", ", items) + "}";
    }
    return v.toString();
  }

  /** The class names of a value and, in rendering order, of its elements. */
  static String types(Object v) {
    if (v == null) {
      return "null";
    }
    List<String> items = new ArrayList<>();
    if (v instanceof Object[]) {
      for (Object item : (Object[]) v) {
        items.add(types(item));
      }
    } else if (v instanceof List) {
      for (Object item : (List<?>) v) {
        items.add(types(item));
      }
    } else if (v instanceof Map) {
      for (Object[] entry : sortedEntries((Map<?, ?>) v)) {
        items.add(types(entry[0]) + "=" + types(entry[1]));
      }
    } else {
      return v.getClass().getName();
    }
    return v.getClass().getName() + "(" + String.join(",", items) + ")";
  }

  /** Map entries as {key, value} pairs sorted by the rendered key (then the rendered value). */
  static List<Object[]> sortedEntries(Map<?, ?> map) {
    List<Object[]> entries = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      entries.add(new Object[] {e.getKey(), e.getValue()});
    }
    entries.sort(
        (a, b) -> {
          int c = render(a[0]).compareTo(render(b[0]));
          return c != 0 ? c : render(a[1]).compareTo(render(b[1]));
        });
    return entries;
  }

  static void line(PrintStream out, String... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append('\t');
      }
      String f = fields[i] == null ? "null" : fields[i];
      for (int j = 0; j < f.length(); j++) {
        char c = f.charAt(j);
        switch (c) {
          case '\\':
            sb.append("\\\\");
            break;
          case '\t':
            sb.append("\\t");
            break;
          case '\n':
            sb.append("\\n");
            break;
          case '\r':
            sb.append("\\r");
            break;
          default:
            sb.append(c);
        }
      }
    }
    sb.append('\n');
    out.print(sb);
  }
}
