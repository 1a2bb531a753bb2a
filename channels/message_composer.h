// duly::channels::MessageComposer: what a queued outbox row becomes on its channel.
//
// Promise: Compose reads what the row needs at the moment of sending (the recipient's contact and
// language, the invoices' current amounts, the templates) and returns the rendered message for
// row.channel, with OutboundMessage::id = row.id. Errors tell the dispatcher what to do:
//   kPolicy              the recipient cannot be reached on row.channel now (no phone, no e-mail,
//                        opted out, no chat webhook): a permanent failure of that channel, so
//                        the dispatcher falls back to the next one;
//   kNotFound            the recipient or every invoice is gone: cancel the row;
//   kInvalidArgument     a template cannot render for this recipient (the message names the
//                        template, language and variable): the row fails permanently;
//   anything else        transient (the database was unreachable): retry later.
// Thread-safety: implementations must allow concurrent Compose calls.
#pragma once

#include "channels/outbound_message.h"
#include "workflows/engine/outbox_store.h"
#include "workflows/status.h"

namespace duly::channels {

class MessageComposer {
 public:
  virtual ~MessageComposer() = default;
  virtual Result<OutboundMessage> Compose(const OutboxMessage& row) = 0;
};

}  // namespace duly::channels
