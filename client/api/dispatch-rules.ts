// The dispatch rules table (派发规则): which houses an alert of a type and level sends someone to, and how
// soon. County roles change one rule at a time, after a preview of what it would select today.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import { queries, type DispatchRuleDraft } from './queries.ts';

export type { DispatchRuleDraft };

export const useDispatchRules = () => useQuery(queries.dispatchRules.list());

export type DispatchRuleRow = NonNullable<ReturnType<typeof useDispatchRules>['data']>[number];

/** Per active alert of the draft's type and level: exposed houses, selected by the draft and by the rule in force. */
export const useRulePreview = (draft: DispatchRuleDraft | null) => useQuery(queries.dispatchRules.preview(draft));

export type RulePreview = NonNullable<ReturnType<typeof useRulePreview>['data']>;

/** PUT /api/dispatch-rules: save one rule; the table, the previews and the coverage it drives are read again. */
export function useSaveDispatchRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (rule: DispatchRuleDraft & { dueHours: number }) => unwrap(await api.api['dispatch-rules'].$put({ json: rule })),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: queries.dispatchRules.all }), qc.invalidateQueries({ queryKey: queries.dispatch.all })]),
  });
}
