import { Image } from '@tarojs/components';
import { boxSvg, faceSvg, starSvg, svgDataUri } from './svg';

type Props = { className?: string; label?: string };

/** The face for a satisfaction level (1 worst … 5 best), drawn, not an emoji. */
export function FaceIcon({ level, className, label }: Props & { level: number }) {
  return <Image className={className} src={svgDataUri(faceSvg(level))} mode='aspectFit' aria-label={label} aria-hidden={!label} />;
}

export function BoxIcon({ checked, className }: Props & { checked: boolean }) {
  return <Image className={className} src={svgDataUri(boxSvg(checked))} mode='aspectFit' aria-hidden />;
}

export function StarIcon({ filled, className, label }: Props & { filled: boolean }) {
  return <Image className={className} src={svgDataUri(starSvg(filled))} mode='aspectFit' aria-label={label} aria-hidden={!label} />;
}
