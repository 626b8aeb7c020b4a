//! Java binary class names (`com.example.Job`, `com.example.Outer$Inner`): what the pods' JVM
//! can load as the worker or driver class.

/// Words Java reserves: never a package or class name.
const RESERVED: &[&str] = &[
    "_",
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "void",
    "volatile",
    "while",
];

/// Why `name` is not a Java binary class name (dot-separated identifiers; `$` separates nested
/// classes), or `None` when it is one.
pub fn java_class_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".to_string());
    }
    if let Some(class) = name.strip_suffix(".java") {
        return Some(format!(
            "it names a source file; give the class, e.g. '{class}'"
        ));
    }
    for part in name.split('.') {
        let mut chars = part.chars();
        let Some(first) = chars.next() else {
            return Some("it has an empty part between dots".to_string());
        };
        if !(first.is_alphabetic() || first == '_' || first == '$') {
            return Some(format!("'{part}' does not start with a letter, '_' or '$'"));
        }
        if let Some(bad) = chars.find(|c| !(c.is_alphanumeric() || *c == '_' || *c == '$')) {
            return Some(format!(
                "'{bad}' cannot appear in a Java class name (letters, digits, '_' and '$' between dots)"
            ));
        }
        if RESERVED.contains(&part) {
            return Some(format!("'{part}' is a reserved word in Java"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_class_names_are_accepted() {
        for name in [
            "HelloWorld",
            "edu.iu.dsc.tws.examples.basic.HelloWorld",
            "edu.iu.dsc.tws.python.PythonWorker$CheckpointablePythonWorker",
            "_private.$Gen",
            "été.Klasse",
        ] {
            assert_eq!(java_class_name_problem(name), None, "{name}");
        }
    }

    #[test]
    fn shell_text_and_malformed_names_are_refused() {
        for (name, why) in [
            ("C;$(id)", "';'"),
            ("", "empty"),
            ("a..b", "empty part"),
            ("a.", "empty part"),
            ("com.1up.Job", "'1up' does not start"),
            ("com.example.class", "reserved"),
            ("com.example.Job.java", "e.g. 'com.example.Job'"),
            ("com.example.Job.class", "reserved"),
            ("com/example/Job", "'/'"),
            ("my job", "' '"),
        ] {
            let problem =
                java_class_name_problem(name).unwrap_or_else(|| panic!("{name} accepted"));
            assert!(problem.contains(why), "{name}: {problem}");
        }
    }
}
