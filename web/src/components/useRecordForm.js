// The edit form in a record drawer: whether it is open and for a new record, the stored record it
// edits (fields the form does not show go back unchanged), the server's errors on their fields,
// and save. empty() gives the form's fields; `derived` are fields the server adds to what it
// returns (a name looked up for a code) and must not be sent back; `optional` fields are left out
// of the record when empty, never sent as "".
import { ref, reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { useFormErrors } from '@/components/useFormErrors.js'

const copy = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)))

export function useRecordForm ({ empty, derived = [], optional = [] }) {
  const visible = ref(false)
  const creating = ref(false)
  const loading = ref(false)
  const loadError = ref('')
  const saving = ref(false)
  const formRef = ref()
  const form = reactive(empty())
  const errors = useFormErrors(Object.keys(form))
  let original = {}

  function fill (rec) {
    original = copy(rec)
    for (const k of derived) delete original[k]
    Object.assign(form, empty())
    for (const k of Object.keys(form)) if (rec[k] !== undefined) form[k] = copy(rec[k])
  }

  // Shows rec at once (a row of the list, or a new record's defaults); fetch(), when given,
  // brings the stored record, which replaces it.
  async function open (rec = {}, { create = false, fetch } = {}) {
    creating.value = create
    errors.clearErrors()
    loadError.value = ''
    fill(rec)
    visible.value = true
    formRef.value?.clearValidate()
    if (!fetch) return
    loading.value = true
    try { fill(await fetch()) } catch (err) { loadError.value = err.message } finally { loading.value = false }
  }

  // The record to send: the stored one with the form over it.
  function record () {
    const rec = { ...original, ...copy(form) }
    for (const k of optional) if (!rec[k]) delete rec[k]
    return rec
  }

  // Validates the form, then persist(record()); true once saved. A refusal names a field (shown on
  // it; fieldOf maps the server's name, basis.0.law, to the form's) or not (shown above the buttons).
  async function submit (persist, { fieldOf = (f) => f } = {}) {
    errors.clearErrors()
    try { await formRef.value.validate() } catch { return false }
    saving.value = true
    try {
      await persist(record())
      ElMessage.success('已保存')
      return true
    } catch (err) {
      errors.showServerError(err, fieldOf(err.field))
      return false
    } finally {
      saving.value = false
    }
  }

  return { visible, creating, loading, loadError, saving, formRef, form, ...errors, fill, open, record, submit }
}
