//! The outbox's way to Matrix: one message to a resident's direct chat, under
//! the message's own transaction id, so a send repeated after a crash is
//! dropped by the homeserver (which keeps transaction ids per device). The SDK
//! waits out the server's rate limit (`M_LIMIT_EXCEEDED`) before it resends.

use std::time::Duration;

use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::{OwnedTransactionId, RoomId};
use matrix_sdk::{Client, RoomState};

use super::{PLATFORM, redacted, send_config, translate};
use crate::service::OutboundMessage;
use crate::service::outbox::{self, Delivery};

/// Sends outbox messages with the bot's client.
pub struct Courier {
    /// The bot's logged-in client.
    pub client: Client,
}

impl outbox::Courier for Courier {
    fn platform(&self) -> &'static str {
        PLATFORM
    }

    async fn send(&self, address: &str, message: &OutboundMessage, key: &str) -> Delivery {
        let Ok(id) = RoomId::parse(address) else {
            return Delivery::Failed;
        };
        // The resident left the chat (or it is gone): nobody to tell.
        let Some(room) = self
            .client
            .get_room(&id)
            .filter(|r| r.state() == RoomState::Joined)
        else {
            return Delivery::Unreachable;
        };
        // Buttons become numbered lines there; the text says what to type.
        let text = translate::text(&OutboundMessage {
            buttons: Vec::new(),
            ..message.clone()
        });
        let sent = room
            .send(RoomMessageEventContent::text_plain(text))
            .with_transaction_id(OwnedTransactionId::from(key))
            .with_request_config(send_config())
            .await;
        match sent {
            Ok(_) => Delivery::Sent,
            Err(e) => {
                tracing::warn!(error = %redacted(&e), "an outbox message could not be sent to Matrix");
                Delivery::Later(Duration::from_secs(60))
            }
        }
    }
}
