// The bell and the 消息中心 page tell each other when messages were read, so the count drops at
// once instead of at the next poll.
import { ref } from 'vue'

export const messagesChanged = ref(0)
export const noteMessagesChanged = () => { messagesChanged.value++ }
