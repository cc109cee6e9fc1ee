import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Notice } from '../../components/notice';
import { CarePage } from '../../components/care-page';
import { Redirect } from '../../components/redirect';
import { listPageUrl, ratePageUrl, tokenFromParams, tokenFromScan } from '../../lib/entry';
import { invitationByCode, isInvitationCode } from '../../api/citizen';
import { userMessage } from '../../api/errors';
import './index.scss';

const canScan = process.env.TARO_ENV === 'weapp';

/**
 * Home: scan a window's code, or type the code printed under it; 我的评价 and the privacy
 * notice. A QR that opens this page with a `scene` goes straight to the ballot.
 */
export default function IndexPage() {
  const token = tokenFromParams(useRouter().params);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string>();
  if (token) return <Redirect url={ratePageUrl(token)} />;

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false });
      const scanned = tokenFromScan(res);
      if (scanned) void Taro.navigateTo({ url: ratePageUrl(scanned) });
      else setMessage('这不是评议二维码，请扫描窗口张贴的评价二维码');
    } catch {
      /* the citizen closed the scanner: nothing to say */
    }
  };

  // A letter's 邀请码 opens the member's invitation; anything else is a window's 评价码 (a token).
  const start = async () => {
    if (!isInvitationCode(code)) return void Taro.navigateTo({ url: ratePageUrl(code) });
    try {
      void Taro.navigateTo({ url: listPageUrl((await invitationByCode(code)).token, 'directed') });
    } catch (e) {
      setMessage(userMessage(e));
    }
  };

  return (
    <CarePage className='home'>
      <View className='home__hero'>
        <Text className='home__title'>群众评议</Text>
        <Text className='home__lead'>您的评价帮助改进政务服务</Text>
      </View>
      {canScan ? (
        <View className='home__block'>
          <Button type='primary' size='xlarge' block onClick={scan}>扫码评价</Button>
          <Text className='home__hint'>扫描办事窗口张贴的二维码</Text>
        </View>
      ) : (
        <View className='home__block'>
          <Text className='home__hint'>请用手机扫描办事窗口张贴的二维码；也可以输入二维码下方的评价码，或评议代表邀请函上的邀请码：</Text>
          <Input className='home__input' value={code} placeholder='评价码或邀请函上的邀请码' data-testid='home-code' onInput={(e) => setCode(e.detail.value.trim())} />
          <Button type='primary' size='xlarge' block disabled={!code} data-testid='home-code-go' onClick={() => void start()}>
            开始评价
          </Button>
        </View>
      )}
      {message && <Notice tone='error'>{message}</Notice>}
      <View className='home__links'>
        <View className='home__link' onClick={() => Taro.navigateTo({ url: '/pages/mine/index' })}><Text>我的评价</Text></View>
        <View className='home__link' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}><Text>隐私说明</Text></View>
      </View>
      <View className='home__links'>
        <View className='home__link' data-testid='public-results-link' onClick={() => Taro.navigateTo({ url: '/public/pages/results/index' })}><Text>评议结果公布</Text></View>
      </View>
      <View className='home__staff'>
        <View className='home__staff-link' onClick={() => Taro.navigateTo({ url: '/staff/pages/unit/index' })}><Text>工作人员入口</Text></View>
        <View className='home__staff-link' onClick={() => Taro.navigateTo({ url: '/admin/pages/rounds/index' })}><Text>评议管理</Text></View>
      </View>
    </CarePage>
  );
}
