//! Telegram errors as log text that can never carry a resident's data. teloxide's
//! own `Display` of a failed request includes the raw response when it does not
//! parse (user ids, names, message text) and the group's id when a group moved;
//! so the adapter logs only the kind of failure, never the error itself.

use teloxide::RequestError;

/// What went wrong, in words that hold no id, name, text or token.
pub fn describe(error: &RequestError) -> String {
    match error {
        RequestError::Api(api) => {
            // Only the variant's name: `Unknown` and `CantParseEntities` carry
            // Telegram's description, which can quote the message.
            let debug = format!("{api:?}");
            let name: String = debug.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            format!("the Bot API refused the request ({name})")
        }
        RequestError::MigrateToChatId(_) => "the group became a supergroup".to_owned(),
        RequestError::RetryAfter(s) => format!("asked to wait {} s", s.seconds()),
        RequestError::Network(e) if e.is_timeout() => "the Bot API did not answer in time".to_owned(),
        RequestError::Network(e) if e.is_connect() => "cannot connect to the Bot API".to_owned(),
        RequestError::Network(_) => "network error talking to the Bot API".to_owned(),
        RequestError::InvalidJson { .. } => {
            "the Bot API's answer could not be read (not logged: it may hold residents' data)".to_owned()
        }
        RequestError::Io(e) => format!("input/output error ({:?})", e.kind()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use teloxide::ApiError;
    use teloxide::types::ChatId;

    use super::*;

    #[test]
    fn no_payload_reaches_the_description() {
        let raw = r#"{"ok":true,"result":[{"update_id":1,"message":{"from":{"id":5512345678,"first_name":"Henk","username":"henkdj"},"text":"bel 0612345678"}}]}"#;
        let source = serde_json::from_str::<u8>(raw).unwrap_err();
        let cases = [
            RequestError::InvalidJson {
                source: Arc::new(source),
                raw: raw.into(),
            },
            RequestError::Api(ApiError::Unknown("Bad Request: Henk 0612345678".into())),
            RequestError::Api(ApiError::CantParseEntities("Henk 0612345678".into())),
            RequestError::MigrateToChatId(ChatId(-1005512345678)),
        ];
        for e in &cases {
            let d = describe(e);
            for secret in ["5512345678", "Henk", "henkdj", "0612345678"] {
                assert!(!d.contains(secret), "{d}");
            }
        }
        assert_eq!(
            describe(&RequestError::Api(ApiError::BotBlocked)),
            "the Bot API refused the request (BotBlocked)"
        );
    }
}
