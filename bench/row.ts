/** One figure of `npm run bench`, printed beside the baseline measured in the same run. */
export interface Row {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
}
