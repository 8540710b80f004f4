export interface ScalePoint {
  nodes: number;
  failureRate: number;
  expectedRate: number;
  cpuMicrosPerRequest: number;
}

export interface ScaleResult {
  points: ScalePoint[];
}
