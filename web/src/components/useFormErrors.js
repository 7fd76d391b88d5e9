// Errors of an edit form: the server's validator names a field (shown on that field) or not
// (shown once above the buttons).
import { ref, reactive } from 'vue'

export function useFormErrors (fields) {
  const formError = ref('')
  const fieldErrors = reactive(Object.fromEntries(fields.map((k) => [k, ''])))

  function clearErrors () {
    formError.value = ''
    for (const k of Object.keys(fieldErrors)) fieldErrors[k] = ''
  }
  function showServerError (err, field = err.field) {
    if (field && field in fieldErrors) fieldErrors[field] = err.message
    else formError.value = err.message
  }

  return { formError, fieldErrors, clearErrors, showServerError }
}
