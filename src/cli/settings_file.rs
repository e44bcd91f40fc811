//! `meepraten config`: the settings in effect, written as a settings file with
//! where each value came from, secrets hidden. What it prints can be saved as
//! `meepraten.toml` and edited.

use std::fmt::Write as _;

use crate::config::{Config, Setting};

/// Shown instead of a secret.
const HIDDEN: &str = "<hidden>";

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A secret that is set: shown as a comment, so the printed settings saved as
/// a file never carry a placeholder where the secret belongs.
fn secret(out: &mut String, key: &str, setting: Option<&Setting<String>>) {
    match setting {
        Some(s) => {
            let _ = writeln!(out, "# {key} = {HIDDEN}  # set: {}", s.source);
        }
        None => {
            let _ = writeln!(out, "# {key} = (not set)");
        }
    }
}

fn line<T>(out: &mut String, key: &str, setting: Option<&Setting<T>>, show: impl Fn(&T) -> String) {
    match setting {
        Some(s) => {
            let _ = writeln!(out, "{key} = {}  # {}", show(&s.value), s.source);
        }
        None => {
            let _ = writeln!(out, "# {key} = (not set)");
        }
    }
}

/// The settings as a TOML document with comments.
pub fn render(config: &Config) -> String {
    let mut out = String::new();
    let _ = match &config.file {
        Some(path) => writeln!(out, "# settings file read: {}", path.display()),
        None => writeln!(
            out,
            "# no settings file read (none named, no meepraten.toml here)"
        ),
    };
    let path = |p: &std::path::PathBuf| quoted(&p.display().to_string());
    line(&mut out, "database", Some(&config.database), path);
    line(&mut out, "secret_file", Some(&config.secret_file), path);
    secret(&mut out, "secret", config.secret.as_ref());
    line(&mut out, "retention_days", Some(&config.retention_days), |d| {
        d.to_string()
    });
    line(&mut out, "log", Some(&config.log), |l| quoted(l));
    let t = &config.telegram;
    out.push_str("\n[telegram]\n");
    secret(&mut out, "token", t.token.as_ref());
    line(&mut out, "api_url", t.api_url.as_ref(), |u| quoted(u.as_str()));
    line(&mut out, "officials", Some(&t.officials), |ids| {
        toml::Value::Array(ids.iter().map(|i| toml::Value::String(i.clone())).collect()).to_string()
    });
    line(&mut out, "webhook_url", t.webhook_url.as_ref(), |u| {
        quoted(u.as_str())
    });
    line(&mut out, "webhook_listen", Some(&t.webhook_listen), |a| {
        quoted(&a.to_string())
    });
    secret(&mut out, "webhook_secret", t.webhook_secret.as_ref());
    line(
        &mut out,
        "webhook_connections",
        Some(&t.webhook_connections),
        |n| n.to_string(),
    );
    line(&mut out, "bot_username", t.bot_username.as_ref(), |u| quoted(u));
    line(&mut out, "sends_per_second", Some(&t.sends_per_second), |n| {
        n.to_string()
    });
    line(
        &mut out,
        "announcement_chats",
        Some(&t.announcement_chats),
        |ids| toml::Value::Array(ids.iter().map(|i| toml::Value::String(i.clone())).collect()).to_string(),
    );
    let m = &config.matrix;
    out.push_str("\n[matrix]\n");
    line(&mut out, "homeserver", m.homeserver.as_ref(), |u| {
        quoted(u.as_str())
    });
    line(&mut out, "user", m.user.as_ref(), |u| quoted(u));
    secret(&mut out, "password", m.password.as_ref());
    secret(&mut out, "access_token", m.access_token.as_ref());
    line(&mut out, "store", Some(&m.store), path);
    let list = |ids: &Vec<String>| {
        toml::Value::Array(ids.iter().map(|i| toml::Value::String(i.clone())).collect()).to_string()
    };
    line(&mut out, "officials", Some(&m.officials), list);
    line(&mut out, "council_rooms", Some(&m.council_rooms), list);
    line(&mut out, "announcement_rooms", Some(&m.announcement_rooms), list);
    outreach(&mut out, &config.outreach);
    out
}

/// The `[outreach]` table (it is read from the settings file only).
fn outreach(out: &mut String, o: &crate::config::outreach::Outreach) {
    let time = |(h, m): (u8, u8)| format!("{h:02}:{m:02}");
    out.push_str("\n[outreach]\n");
    let quiet = if o.quiet_from == o.quiet_until {
        String::new()
    } else {
        format!("{}-{}", time(o.quiet_from), time(o.quiet_until))
    };
    let _ = writeln!(out, "quiet_hours = {}", quoted(&quiet));
    let _ = writeln!(out, "prompts_per_week = {}", o.prompts_per_week);
    let _ = writeln!(out, "reminder_hours = {}", o.reminder_hours);
    let _ = writeln!(out, "timezone = {}", quoted(&o.timezone));
    for (table, list) in [("topics", &o.topics), ("neighbourhoods", &o.neighbourhoods)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n[outreach.{table}]");
        for n in list {
            let names: Vec<String> = n
                .names
                .iter()
                .map(|(l, name)| format!("{l} = {}", quoted(name)))
                .collect();
            let _ = writeln!(out, "{} = {{ {} }}", quoted(&n.id), names.join(", "));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FileSettings, Flags};

    #[test]
    fn what_it_prints_reads_back_as_the_same_settings_without_secrets() {
        let env = |name: &str| match name {
            "TELEGRAM_BOT_TOKEN" => Some("123:SECRET-TOKEN".to_owned()),
            "TELEGRAM_OFFICIALS" => Some("11, 22".to_owned()),
            "MEEPRATEN_SECRET" => Some("ab".repeat(32)),
            "MATRIX_PASSWORD" => Some("MATRIX-SECRET".to_owned()),
            "MATRIX_OFFICIALS" => Some("@a:b".to_owned()),
            _ => None,
        };
        let config = Config::resolve(&Flags::default(), &env, None).unwrap();
        let printed = render(&config);
        assert!(
            !printed.contains("SECRET-TOKEN") && !printed.contains(&"ab".repeat(32)),
            "{printed}"
        );
        assert!(
            printed.contains("# token = <hidden>  # set: environment TELEGRAM_BOT_TOKEN"),
            "{printed}"
        );
        let back = FileSettings::parse(&printed).expect("valid settings file");
        assert_eq!(back.telegram.token, None, "no placeholder read back as a token");
        assert_eq!(back.secret, None);
        assert_eq!(
            back.telegram.officials,
            Some(vec!["11".to_owned(), "22".to_owned()])
        );
        assert_eq!(back.retention_days, Some(90));
        assert_eq!(back.matrix.officials, Some(vec!["@a:b".to_owned()]));
    }
}
